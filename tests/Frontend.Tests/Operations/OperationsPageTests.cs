using System.Globalization;
using System.Text.RegularExpressions;
using PPipe.Frontend.Components.Pages.Operations;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Client.Operations;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Operations;

namespace PPipe.Frontend.Tests.Operations;

/// <summary>The operator page: one row per silo with what its latest report says, and its activations by grain type.</summary>
[Collection(UiClusterCollection.Name)]
public sealed class OperationsPageTests(UiClusterFixture cluster) : BunitContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Operations_SiloWithAReport_ShowsItsFiguresAndActivations()
    {
        this.UseUi(cluster, AccountRoles.Admin);
        await cluster.CohortWithStudentsAsync(3, "Operations page");
        var silo = (await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedHosts(true, Xunit.TestContext.Current.CancellationToken)).Single();
        var address = silo.SiloAddress.ToParsableString();
        var at = cluster.Clock.UtcNow;
        await cluster.Client.GetGrain<ISiloReportGrain>(address).ReportAsync(new SiloReport(address,
            new SiloActivity(at.AddSeconds(-10), at, Wakes: 1234, WakesFailed: 5, LatenessP50Seconds: 0.025, LatenessP99Seconds: 1, LatenessMaxSeconds: 3.2,
                Fetches: 40, SubmissionsAccepted: 7, SubmissionsRefused: 2, ProbesOk: 90, ProbesFailed: 10, WebhooksDelivered: 12, WebhooksFailed: 1,
                StorageRetried: 3, StorageGaveUp: 0),
            ActiveEnrollments: 4242, ScheduledWakes: 4000, WorkingSetBytes: 300L * 1024 * 1024, CpuCores: 0.5));

        var page = Render<OperationsPage>();

        page.WaitForAssertion(() => Assert.Contains("4,242", page.Find("table[aria-label='Silos'] tbody tr").TextContent), Wait);
        var cells = page.FindAll("table[aria-label='Silos'] tbody tr td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(silo.SiloName, cells[0]);
        Assert.Equal("Active", cells[1]);
        Assert.Equal(["4,242", "1,234 (5)", "25 ms / 1.0 s / 3.2 s", "90 / 10", "9", "12 / 1", "3 / 0", "300 MiB", "50 % of a core"], cells.Skip(3));

        // The cluster is shared with other test classes, so which types lead depends on what ran before; what holds
        // regardless: short type names, most activations first, at most the types shown plus "other", summing to the
        // silo's activations, and the enrollments this test created are counted somewhere in that list.
        var section = page.Find($"section[aria-label='Activations on {silo.SiloName}']").TextContent;
        var listed = Regex.Match(section, @"Activations by grain type:\s*(.*?)\.\s*$", RegexOptions.Singleline | RegexOptions.Multiline).Groups[1].Value
            // Entries are joined by ", "; a count of a thousand or more has a comma of its own ("EnrollmentGrain 1,024").
            .Split(", ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split(' '))
            .Select(parts => (Type: parts[0], Count: int.Parse(parts[1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture)))
            .ToList();
        Assert.InRange(listed.Count, 1, ClusterOperations.GrainTypesShown + 1);
        Assert.All(listed, entry => Assert.Matches("^[A-Za-z][A-Za-z0-9_`]*$", entry.Type));
        var named = listed.Where(entry => entry.Type != "other").Select(entry => entry.Count).ToList();
        Assert.Equal(named.OrderDescending(), named);
        Assert.Equal(cells[2], listed.Sum(entry => entry.Count).ToString("N0", CultureInfo.InvariantCulture));
        Assert.True(listed.Any(entry => entry.Type == "EnrollmentGrain" && entry.Count >= 3) || listed[^1].Type == "other",
            $"The enrollments are neither listed nor in \"other\": {section}");
    }
}
