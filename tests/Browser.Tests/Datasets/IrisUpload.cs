using System.Text;
using Microsoft.Playwright;
using PPipe.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PPipe.Browser.Tests.Datasets;

/// <summary>The Datasets page's upload as an instructor does it: an id, a file (Iris unless another is given), and its version's page opened.</summary>
internal static class IrisUpload
{
    /// <summary>Uploads Iris as dataset <paramref name="id"/> and waits for its version 1 page.</summary>
    public static Task UploadAsync(IPage page, string id) => UploadAsync(page, id, "iris.csv", PublicDatasets.Iris());

    /// <summary>Uploads <paramref name="csv"/> as file <paramref name="name"/> of dataset <paramref name="id"/> and waits for its version 1 page.</summary>
    public static async Task UploadAsync(IPage page, string id, string name, string csv)
    {
        await page.GotoAsync("/datasets");
        await page.GetByLabel("Dataset id").FillAsync(id);
        await page.GetByLabel("CSV or Parquet file").SetInputFilesAsync(new FilePayload
        {
            Name = name,
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/datasets/{id}/versions/1$"));
    }
}
