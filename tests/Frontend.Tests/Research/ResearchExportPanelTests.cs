using Microsoft.Extensions.Time.Testing;
using PPipe.Frontend.Accounts;
using PPipe.Frontend.Components.Pages.Research;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Research;

namespace PPipe.Frontend.Tests.Research;

/// <summary>
/// The research export panel of a cohort's Surveys page: the download link follows the chosen format and study, admins set the
/// staff (an unknown account refused with nothing stored), and an instructor not on the staff is told before downloading.
/// </summary>
[Collection(UiClusterCollection.Name)]
public sealed class ResearchExportPanelTests(UiClusterFixture fixture) : BunitContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SaveStaff_AsAdmin_StoredAndAnUnknownAccountRefusedWithNothingStored()
    {
        var cohort = await fixture.OpenCohortAsync("Research", fixture.Clock.UtcNow.AddDays(1));
        var teacher = "teacher-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Client.GetGrain<IAccountGrain>(teacher).CreateAsync(
            new Account(teacher, "Teacher", "hash", [AccountRoles.Instructor], DateTimeOffset.UnixEpoch));
        var panel = Open(cohort, AccountRoles.Admin);

        await panel.InvokeAsync(() => panel.Find("#staff-names").Change($"{teacher}, nobody-at-all"));
        await panel.InvokeAsync(() => panel.Find("form#staff-form").Submit());
        panel.WaitForAssertion(() => Assert.Contains("nobody-at-all", panel.Find("[role=alert]").TextContent), Patience);
        var refused = await fixture.Client.GetGrain<ICohortStaffGrain>(cohort).GetAsync();
        await panel.InvokeAsync(() => panel.Find("#staff-names").Change(teacher.ToUpperInvariant()));
        await panel.InvokeAsync(() => panel.Find("form#staff-form").Submit());

        panel.WaitForAssertion(() => Assert.Equal(teacher, panel.Find("[data-testid=staff]").TextContent), Patience);
        Assert.Empty(refused);
        Assert.Equal([teacher], await fixture.Client.GetGrain<ICohortStaffGrain>(cohort).GetAsync());
        Assert.Empty(panel.FindAll("[role=alert]"));
    }

    [Fact]
    public async Task Panel_InstructorNotOnTheStaff_ToldAndTheLinkFollowsFormatAndStudy()
    {
        var cohort = await fixture.OpenCohortAsync("Research", fixture.Clock.UtcNow.AddDays(1));
        var panel = Open(cohort, AccountRoles.Instructor);

        await panel.InvokeAsync(() => panel.Find("#research-format").Change("parquet"));
        await panel.InvokeAsync(() => panel.Find("#research-study").Input("mlops-2027"));

        panel.WaitForAssertion(() => Assert.Equal($"/cohorts/{cohort}/research-export?format=parquet&study=mlops-2027",
            panel.Find("#research-export-download").GetAttribute("href")), Patience);
        Assert.Contains("not on this cohort's staff", panel.Find("[role=status]").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("form#staff-form"));
    }

    private IRenderedComponent<ResearchExportPanel> Open(string cohort, string role)
    {
        this.UseUi(fixture, new FakeTimeProvider(fixture.Clock.UtcNow),
            UiAuth.Instructor(new Account("someone", "Someone", "hash", [role], DateTimeOffset.UnixEpoch)));
        var panel = Render<ResearchExportPanel>(p => p.Add(c => c.CohortId, cohort));
        panel.WaitForAssertion(() => Assert.Equal("false", panel.Find("section.research-export").GetAttribute("aria-busy")), Patience);
        return panel;
    }
}
