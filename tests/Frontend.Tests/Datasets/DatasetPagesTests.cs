using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using PPipe.Frontend.Components.Pages.Datasets;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Client.Datasets;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Datasets;
using PPipe.TestSupport;

namespace PPipe.Frontend.Tests.Datasets;

/// <summary>The instructors' Datasets pages: upload a file, see its inferred schema, name its roles, and see bad files refused.</summary>
[Collection(UiClusterCollection.Name)]
public sealed class DatasetPagesTests : BunitContext
{
    public DatasetPagesTests(UiClusterFixture cluster) => this.UseUi(cluster, AccountRoles.Instructor);

    private static string NewId() => "ui-" + Guid.NewGuid().ToString("N")[..10];

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private static InputFileContent CsvFile(string content) => InputFileContent.CreateFromText(content, "iris.csv", contentType: "text/csv");

    private IRenderedComponent<DatasetLibrary> Upload(string id, InputFileContent file)
    {
        var cut = Render<DatasetLibrary>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("p[role=status]")));
        cut.Find("#dataset-id").Input(id);
        cut.FindComponent<InputFile>().UploadFiles(file);
        return cut;
    }

    /// <summary>Uploads Iris under a new id and renders its version page once the upload has opened it and it shows the schema.</summary>
    private IRenderedComponent<DatasetVersionPage> IrisVersionPage()
    {
        var id = NewId();
        var upload = Upload(id, CsvFile(PublicDatasets.Iris()));
        upload.WaitForAssertion(() => Assert.EndsWith($"/datasets/{id}/versions/1", Navigation.Uri, StringComparison.Ordinal));
        var cut = Render<DatasetVersionPage>(p => p.Add(c => c.Id, id).Add(c => c.Version, 1));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("table[aria-label='Inferred schema'] tbody tr")));
        return cut;
    }

    [Fact]
    public void Upload_Iris_OpensTheVersionPage()
    {
        var id = NewId();

        var cut = Upload(id, CsvFile(PublicDatasets.Iris()));

        cut.WaitForAssertion(() => Assert.EndsWith($"/datasets/{id}/versions/1", Navigation.Uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_ParquetFile_IsReadAsParquetAndOpensTheVersionPage()
    {
        var id = NewId();
        var parquet = InputFileContent.CreateFromBinary(await ParquetFiles.IrisAsync(), "iris.parquet");

        var cut = Upload(id, parquet);

        cut.WaitForAssertion(() => Assert.EndsWith($"/datasets/{id}/versions/1", Navigation.Uri, StringComparison.Ordinal));
        var version = await Services.GetRequiredService<IGrainFactory>().GetGrain<IDatasetVersionGrain>(DatasetKeys.Version(id, 1)).GetAsync();
        Assert.Equal(150, version!.Profile.Rows);
    }

    [Fact]
    public async Task Upload_RaggedFile_ShowsTheRowAndColumnAndStoresNothing()
    {
        var id = NewId();
        var ragged = PublicDatasets.Iris().Replace("\n6.3,3.3,6.0,2.5,2\n", "\n6.3,3.3,6.0\n", StringComparison.Ordinal);

        var cut = Upload(id, CsvFile(ragged));

        cut.WaitForAssertion(() => Assert.Contains("Row 101 has 3 values", cut.Find("p[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Nothing was stored", cut.Find("p[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await Services.GetRequiredService<IDatasetStore>().UsageAsync(id, Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public void VersionPage_AfterUpload_ShowsEachColumnsTypeAndRange()
    {
        var cut = IrisVersionPage();

        var species = cut.FindAll("table[aria-label='Inferred schema'] tbody tr").Single(r => r.TextContent.Contains("species", StringComparison.Ordinal));
        Assert.Equal(["species", "integer", "0", "3", "0", "2"], species.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public void VersionPage_TimeColumnThatIsNoTime_ListsTheProblemNamingTheColumn()
    {
        var cut = IrisVersionPage();

        cut.Find("#role-target").Change("species");
        cut.Find("#role-time").Change("sepal_length");
        cut.Find("button").Click();

        cut.WaitForAssertion(() => Assert.Contains("'sepal_length' does not parse as times", cut.Find("ul[aria-label='Role problems']").TextContent,
            StringComparison.Ordinal));
    }

    [Fact]
    public void VersionPage_SpeciesAsTarget_ShowsTheConfirmedRoles()
    {
        var cut = IrisVersionPage();

        cut.Find("#role-target").Change("species");
        cut.Find("button").Click();

        cut.WaitForAssertion(() => Assert.Contains("Confirmed: target species", cut.Find("p[role=status]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void VersionPage_SpeciesAsTarget_NoTimeColumn_OffersAScenarioButNoForecast()
    {
        var cut = IrisVersionPage();

        cut.Find("#role-target").Change("species");
        cut.Find("button").Click();

        cut.WaitForAssertion(() => Assert.Contains("Start a scenario over this version", cut.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Start a forecast over this version", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VersionPage_ShopsByDay_OffersAForecast_WhoseStarterFindsTheSeriesColumn()
    {
        var id = NewId();
        var csv = new System.Text.StringBuilder("day,shop,sales\n");
        for (var day = 0; day < 120; day++)
        {
            foreach (var (shop, level) in new[] { ("harbour", 40), ("market", 65) })
            {
                csv.Append(System.Globalization.CultureInfo.InvariantCulture,
                    $"{new DateOnly(2024, 1, 1).AddDays(day):yyyy-MM-dd},{shop},{level + day % 7}\n");
            }
        }

        var upload = Upload(id, InputFileContent.CreateFromText(csv.ToString(), "shops.csv", contentType: "text/csv"));
        upload.WaitForAssertion(() => Assert.EndsWith($"/datasets/{id}/versions/1", Navigation.Uri, StringComparison.Ordinal));
        var cut = Render<DatasetVersionPage>(p => p.Add(c => c.Id, id).Add(c => c.Version, 1));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#role-target")));

        cut.Find("#role-target").Change("sales");
        cut.Find("#role-time").Change("day");
        cut.Find("button").Click();

        cut.WaitForAssertion(() => Assert.Equal($"/scenarios/new?from=dataset-forecast:{id}:1",
            cut.FindAll("a").Single(a => a.TextContent == "Start a forecast over this version").GetAttribute("href")));
        var (text, problem) = await Services.GetRequiredService<PPipe.Frontend.Scenarios.ScenarioSpecs>()
            .DatasetStarterAsync($"{id}:1", Xunit.TestContext.Current.CancellationToken, forecast: true);
        Assert.Null(problem);
        Assert.Contains("task: forecast", text, StringComparison.Ordinal);
        Assert.Contains("series: 'shop'", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForecastStarter_VersionWithoutATimeColumn_SaysWhyInsteadOfASpec()
    {
        var cut = IrisVersionPage();
        cut.Find("#role-target").Change("species");
        cut.Find("button").Click();
        cut.WaitForAssertion(() => Assert.Contains("Confirmed: target species", cut.Find("p[role=status]").TextContent, StringComparison.Ordinal));
        var id = cut.Instance.Id;

        var (text, problem) = await Services.GetRequiredService<PPipe.Frontend.Scenarios.ScenarioSpecs>()
            .DatasetStarterAsync($"{id}:1", Xunit.TestContext.Current.CancellationToken, forecast: true);

        Assert.Null(text);
        Assert.Contains("a forecast needs its time column", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionPage_VersionNeverUploaded_SaysSoAndLinksBackToTheDatasets()
    {
        var cut = Render<DatasetVersionPage>(p => p.Add(c => c.Id, NewId()).Add(c => c.Version, 3));

        cut.WaitForAssertion(() => Assert.Contains("There is no version 3 of dataset", cut.Find("p[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Equal("/datasets", cut.Find("p[role=alert] a").GetAttribute("href"));
        Assert.Empty(cut.FindAll("#role-target"));
    }
}
