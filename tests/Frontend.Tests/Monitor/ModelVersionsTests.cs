using PPipe.Frontend.Components.Shared;
using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Frontend.Tests.Monitor;

/// <summary>The table of a student's model versions, on the student's page and the instructor's drill-down.</summary>
public sealed class ModelVersionsTests : BunitContext
{
    [Fact]
    public void Versions_NewestFirst_EachWithItsClaimSightingsAndFlags_AndTheFoldedCount()
    {
        LineageLog log = new(
            [
                new ModelVersionEntry("v1", 2, null, TimeSpan.FromDays(2.25), TimeSpan.FromDays(9.5), null, 40, 0, 3, []),
                new ModelVersionEntry("v2", 12, "sha256:9f2c", TimeSpan.FromDays(10.5), TimeSpan.FromDays(12), 11, 3, 2, 9, [ModelFlag.UnfetchedData, ModelFlag.ReusedVersion]),
            ],
            Folded: 4,
            FoldedFlagged: 1);

        var table = Render<ModelVersions>(p => p.Add(v => v.Log, log));

        var rows = table.FindAll("[aria-label='Model versions'] tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();
        Assert.Equal(
            ["v2", "release 12", "day 11, 12:00 (9 release(s) fetched)", "day 13, 00:00", "3 probe answer(s), 2 submission(s); first in batch 11", "sha256:9f2c",
                "claims a release not fetched when first seen; version name reused for another model"],
            rows[0]);
        Assert.Equal(["v1", "release 2", "day 3, 06:00 (3 release(s) fetched)", "day 10, 12:00", "40 probe answer(s), 0 submission(s); first in a probe answer", "—", "—"], rows[1]);
        Assert.Equal("4 older version(s) not listed (1 of them flagged): only the newest 2 are kept.", table.Find("p.hint").TextContent);
    }

    [Fact]
    public void Versions_None_SaysSo()
    {
        var table = Render<ModelVersions>(p => p.Add(v => v.Log, LineageLog.Empty));

        Assert.Equal("No probe answer or submission has named a model yet.", table.Find("p").TextContent);
    }
}
