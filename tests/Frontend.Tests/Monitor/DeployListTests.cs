using PPipe.Frontend.Components.Shared;
using PPipe.Grains.Interfaces.Rollouts;

namespace PPipe.Frontend.Tests.Monitor;

/// <summary>The table of a student's deploys, on the student's page and the instructor's drill-down.</summary>
public sealed class DeployListTests : BunitContext
{
    [Fact]
    public void Deploys_NewestFirst_EachWithItsWindowFailuresQualityAndScore_AndTheFoldedCount()
    {
        DeployLog log = new(
            [
                new DeployEntry(1, "v2", false, null, TimeSpan.FromDays(4.25), TimeSpan.FromDays(4.5), TimeSpan.FromDays(4.5) + TimeSpan.FromHours(2),
                    9, 3, 0.8, 0.79, true, 0.8333),
                new DeployEntry(2, "v3", true, "blue-green", TimeSpan.FromDays(6), null, TimeSpan.FromDays(6) + TimeSpan.FromHours(3), 2, 0, 0.81, null, false, null),
            ],
            Folded: 3);

        var table = Render<DeployList>(p => p.Add(d => d.Log, log));

        var rows = table.FindAll("[aria-label='Deploys'] tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();
        Assert.Equal(["v3", "announced (blue-green)", "day 7, 00:00 to day 7, 03:00", "not yet", "0 of 2", "0.81 → —", "watching"], rows[0]);
        Assert.Equal(["v2", "seen in answers", "day 5, 06:00 to day 5, 14:00", "day 5, 12:00", "3 of 9", "0.80 → 0.79", "0.83"], rows[1]);
        Assert.Equal("3 older deploy(s) not listed but counted in the grade: only the newest 2 are kept.", table.Find("p.hint").TextContent);
    }

    [Fact]
    public void Deploys_None_SaysSo()
    {
        var table = Render<DeployList>(p => p.Add(d => d.Log, DeployLog.Empty));

        Assert.Equal("No deploy has been announced or seen yet.", table.Find("p").TextContent);
    }
}
