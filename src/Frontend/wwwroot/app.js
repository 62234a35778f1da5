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

// Puts text on the clipboard; true when it got there. The asynchronous clipboard exists only in secure
// contexts (HTTPS or loopback), so a deployment on plain HTTP falls back to a hidden text area and copy.
window.ppipeCopyText = async (text) => {
    if (navigator.clipboard && window.isSecureContext) {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            // Refused (no permission, page not focused): try the old way below.
        }
    }

    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let copied = false;
    try {
        copied = document.execCommand("copy");
    } catch {
        copied = false;
    }
    area.remove();
    return copied;
};

// The IANA name of the browser's time zone ("Europe/Paris"), or null when it does not say.
window.ppipeTimeZone = () => {
    try {
        return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
    } catch {
        return null;
    }
};
