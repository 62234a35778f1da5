using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Playwright;
using PPipe.Browser.Tests.Infrastructure;
using PPipe.Frontend.Components.Pages.Cohorts;
using static Microsoft.Playwright.Assertions;

namespace PPipe.Browser.Tests.Journeys;

/// <summary>
/// The instructor's journey in a real browser: sign in, create a cohort from a template, import a roster,
/// download the tokens, watch a scripted student's fetch and submission arrive on the monitor live, and post an
/// announcement from it; then the student reads their grade, and a second student cannot open the first one's pages.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InstructorJourneyTests(BrowserPlatform platform) : BrowserTest(platform)
{
    // A day of scenario time every 10 minutes; the cohort starts 11 minutes ago, so release 1 and 2 are out
    // and batch 1 (open from day 1, due at day 1.5) stays open for about four more minutes.
    private const double Speed = 144;

    [Fact]
    public async Task Instructor_CreatesCohortImportsRosterAndSeesAStudentsFetchAndSubmissionLive()
    {
        await SignInAsInstructorAsync();
        await Page.GotoAsync("/cohorts/new");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "New cohort" })).ToBeVisibleAsync();
        var cohortName = "Journey " + Guid.NewGuid().ToString("N")[..6];
        await Page.GetByLabel("Name").FillAsync(cohortName);
        await Page.GetByLabel("Scenario").SelectOptionAsync("taxi-fares");
        await Page.GetByLabel("Starts at (UTC)").FillAsync(DateTime.UtcNow.AddMinutes(-11).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await Page.GetByLabel("Speed").FillAsync(Speed.ToString(CultureInfo.InvariantCulture));
        await ScreenshotAsync("cohort-new");
        await AssertAccessibleAsync("cohort-new");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create cohort" }).ClickAsync();
        var monitorLink = Page.GetByRole(AriaRole.Link, new() { Name = "Open the cohort monitor" });
        await Expect(monitorLink).ToBeVisibleAsync();
        var cohortId = (await monitorLink.GetAttributeAsync("href"))!.Split('/')[^1];

        var roster = Path.Combine(Path.GetTempPath(), $"roster-{cohortId}.csv");
        await File.WriteAllTextAsync(roster, "studentId,name,email\nada,Ada Lovelace,ada@example.edu\ngrace,Grace Hopper,grace@example.edu\nalan,Alan Turing,alan@example.edu\n", Ct);
        await Page.GetByLabel("Roster CSV").SetInputFilesAsync(roster);
        await Expect(Page.GetByText(RosterImport.StatusOf(3, 0))).ToBeVisibleAsync();
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Download tokens CSV" }).ClickAsync());
        var tokens = await ReadTokensAsync(download);
        await ScreenshotAsync("roster-imported");
        await AssertAccessibleAsync("roster-imported");

        await monitorLink.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = cohortName, Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Listitem, new() { Name = "Enrolled" })).ToContainTextAsync("3");
        var adaRow = Page.GetByRole(AriaRole.Region, new() { Name = "Students" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Ada Lovelace" });
        await Expect(adaRow).ToContainTextAsync("never");

        using var ada = Platform.Api.Student(tokens["ada"]);
        var release = await ada.GetAsync("/api/v1/releases/1.csv", Ct);
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        await Expect(adaRow).ToContainTextAsync("1 (latest #1)");
        await Expect(Page.GetByRole(AriaRole.Listitem, new() { Name = "Fetched the latest release" })).ToContainTextAsync("of 3");

        var features = await ada.GetStringAsync("/api/v1/batches/1/features.csv", Ct);
        var predictions = new StringBuilder("id,prediction\n");
        foreach (var line in features.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            predictions.Append(line[..line.IndexOf(',')]).Append(",12.5\n");
        }

        var submitted = await ada.PostAsync("/api/v1/batches/1/predictions", new StringContent(predictions.ToString(), Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await Expect(adaRow.GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync("1");
        await ScreenshotAsync("cohort-monitor");
        await AssertAccessibleAsync("cohort-monitor");

        // An announcement through the monitor's confirmation step; axe then checks the list that shows its delivery.
        var announcements = Page.GetByRole(AriaRole.Region, new() { Name = "Announcements" });
        await announcements.GetByLabel("Subject (at most 200 characters)").FillAsync("Lab moved");
        await announcements.GetByLabel("Text (at most 4,000 characters)").FillAsync("The lab is on Friday.");
        await announcements.GetByRole(AriaRole.Button, new() { Name = "Review announcement" }).ClickAsync();
        await Expect(announcements.GetByRole(AriaRole.Group, new() { Name = "Confirm the announcement" })).ToContainTextAsync("(3 enrolled)");
        await announcements.GetByRole(AriaRole.Button, new() { Name = "Send to the whole cohort" }).ClickAsync();
        await Expect(announcements.GetByRole(AriaRole.Table, new() { Name = "Past announcements" })).ToContainTextAsync("3 students reached");
        await AssertAccessibleAsync("cohort-monitor-announcement");

        await adaRow.GetByRole(AriaRole.Link, new() { Name = "ada" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Ada Lovelace" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.List, new() { Name = "Timeline" })).ToContainTextAsync("Fetched release 1 through api");
        await ScreenshotAsync("student-detail");
        await AssertAccessibleAsync("student-detail");
    }

    [Fact]
    public async Task Student_ReadsTheirGrade_AndCannotOpenAnotherStudentsPages()
    {
        var (cohortId, tokens) = await CohortWithStudentsAsync("lin", "mo");
        using (var lin = Platform.Api.Student(tokens["lin"]))
        {
            Assert.Equal(HttpStatusCode.OK, (await lin.GetAsync("/api/v1/releases/1.csv", Ct)).StatusCode);
        }

        await SignInAsStudentAsync(tokens["lin"]);
        await Page.GotoAsync("/student");
        await Expect(Page.GetByText("(lin) in cohort")).ToBeVisibleAsync();
        var grade = Page.GetByRole(AriaRole.Region, new() { Name = "Grade" });
        await Expect(grade.GetByRole(AriaRole.Table, new() { Name = "Grade by criterion" })).ToContainTextAsync("Acquisition");
        await Expect(grade.GetByRole(AriaRole.Table, new() { Name = "Grade by criterion" })).ToContainTextAsync("Endpoint availability");
        await ScreenshotAsync("student-page");
        await AssertAccessibleAsync("student-page");

        await using var other = await Platform.Browser.NewContextAsync(new() { BaseURL = Platform.BaseAddress.ToString().TrimEnd('/') });
        var moPage = await other.NewPageAsync();
        await moPage.GotoAsync("/signin");
        await moPage.GetByLabel("Your token").FillAsync(tokens["mo"]);
        await moPage.GetByRole(AriaRole.Button, new() { Name = "Sign in as student" }).ClickAsync();
        await Expect(moPage).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/student$"));
        await Expect(moPage.GetByText("(mo) in cohort")).ToBeVisibleAsync();
        await Expect(moPage.GetByText("(lin)")).ToHaveCountAsync(0);

        foreach (var path in (string[])[$"/cohorts/{cohortId}/students/lin", $"/cohorts/{cohortId}", $"/cohorts/{cohortId}/grades.csv", "/student?studentId=lin"])
        {
            await moPage.GotoAsync(path);
            if (path.StartsWith("/student", StringComparison.Ordinal))
            {
                await Expect(moPage.GetByText("(mo) in cohort")).ToBeVisibleAsync();
                await Expect(moPage.GetByText("(lin)")).ToHaveCountAsync(0);
            }
            else
            {
                await Expect(moPage.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
            }
        }
    }

    [Fact]
    public async Task Instructor_ReissuesThenRemovesAStudentFromTheDrillDown_TheStudentsOldTokenAndSignInStopAtOnce()
    {
        var (cohortId, tokens) = await CohortWithStudentsAsync("kai", "lou");
        await using var studentContext = await Platform.Browser.NewContextAsync(new() { BaseURL = Platform.BaseAddress.ToString().TrimEnd('/') });
        var studentPage = await studentContext.NewPageAsync();
        await studentPage.GotoAsync("/signin");
        await studentPage.GetByLabel("Your token").FillAsync(tokens["kai"]);
        await studentPage.GetByRole(AriaRole.Button, new() { Name = "Sign in as student" }).ClickAsync();
        await Expect(studentPage.GetByText("(kai) in cohort")).ToBeVisibleAsync();

        await SignInAsInstructorAsync();
        await Page.GotoAsync($"/cohorts/{cohortId}/students/kai");
        var access = Page.GetByRole(AriaRole.Region, new() { Name = "Token, reset and removal" });
        await Expect(Page.GetByRole(AriaRole.List, new() { Name = "Timeline" })).ToBeVisibleAsync();
        await access.GetByRole(AriaRole.Button, new() { Name = "Re-issue token" }).ClickAsync();
        var confirm = access.GetByRole(AriaRole.Group, new() { Name = "Confirm" });
        await Expect(confirm).ToContainTextAsync("stop working at once");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Yes, re-issue the token" }).ClickAsync();
        var shown = access.GetByLabel("New token");
        await Expect(shown).ToContainTextAsync("ppt_");
        var newToken = (await shown.TextContentAsync())!.Trim();
        await ScreenshotAsync("student-token-reissued");

        using (var oldApi = Platform.Api.Student(tokens["kai"]))
        using (var newApi = Platform.Api.Student(newToken))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await oldApi.GetAsync("/api/v1/me", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await newApi.GetAsync("/api/v1/me", Ct)).StatusCode);
        }

        await studentPage.GotoAsync("/student");
        await Expect(studentPage).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));

        await access.GetByRole(AriaRole.Button, new() { Name = "Remove student" }).ClickAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Yes, remove the student" }).ClickAsync();
        await Expect(access.GetByLabel("Removed")).ToContainTextAsync("Removed from the cohort on");
        await Expect(access.GetByRole(AriaRole.Button, new() { Name = "Re-issue token" })).ToHaveCountAsync(0);
        using var removedApi = Platform.Api.Student(newToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await removedApi.GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Instructor_BrowsesTheScenarioLibraryAndOpensATemplateInTheEditor()
    {
        await SignInAsInstructorAsync();

        await Page.GotoAsync("/scenarios");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Scenarios", Level = 1 })).ToBeVisibleAsync();
        await ScreenshotAsync("scenario-library");
        await AssertAccessibleAsync("scenario-library");
        await Page.GotoAsync("/scenarios/new?from=taxi-fares");
        var yaml = Page.GetByLabel("Scenario YAML");
        await Expect(yaml).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("target: fare_usd"));

        await ScreenshotAsync("scenario-editor");
        await AssertAccessibleAsync("scenario-editor");
    }

    [Fact]
    public async Task Admin_OpensAccountsAndOperations()
    {
        await SignInAsInstructorAsync();

        await Page.GotoAsync("/accounts");
        await Expect(Page.GetByRole(AriaRole.Table, new() { Name = "Accounts" })).ToContainTextAsync(BrowserPlatform.AdminUserName);
        await ScreenshotAsync("accounts");
        await AssertAccessibleAsync("accounts");
        await Page.GotoAsync("/operations");
        await Expect(Page.GetByRole(AriaRole.Table, new() { Name = "Silos" })).ToBeVisibleAsync();

        await ScreenshotAsync("operations");
        await AssertAccessibleAsync("operations");
    }

    private static async Task<Dictionary<string, string>> ReadTokensAsync(IDownload download)
    {
        var path = await download.PathAsync();
        var lines = (await File.ReadAllLinesAsync(path)).Where(l => l.Length > 0).ToList();
        Assert.Equal("studentId,name,email,token", lines[0]);
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[^1]);
    }
}
