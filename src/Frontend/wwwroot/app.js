// Saves a file a component streams to the browser (tokens CSV and other one-time downloads).
window.ppipeDownload = async (fileName, contentStreamReference) => {
    const buffer = await contentStreamReference.arrayBuffer();
    const url = URL.createObjectURL(new Blob([buffer]));
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = fileName ?? "download";
    anchor.click();
    anchor.remove();
    URL.revokeObjectURL(url);
};
