using System.Collections.Immutable;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.JSInterop;
using PPipe.Frontend.Accounts;
using PPipe.Frontend.Components;
using PPipe.Frontend.Components.Pages.Student;
using PPipe.Frontend.Components.Shared;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Probes;
using PPipe.TestSupport;

namespace PPipe.Frontend.Tests.Student;

[Collection(UiClusterCollection.Name)]
public sealed class StudentPageTests(UiClusterFixture fixture) : BunitContext
{
    /// <summary>Far enough ahead that the silo does nothing for the cohort while a test looks at it.</summary>
    private static readonly DateTimeOffset FutureStart = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private const string ScoredBatchSpec = """
        template: taxi-fares
        duration: 2d
        releases: {first: 0d, cadence: 1d, rows: 10, channel: api}
        batches: {first: 0d, cadence: 1d, rows: 20, dueAfter: 12h, labelDelay: 1h, submissionLimit: 3}
        endpoint: {enabled: false}
        drift: []
        quirks: []
        grading: {criteria: {batchQuality: 2, punctuality: 1, acquisition: 1}}
        """;

    private const string LineageSpec = """
        template: taxi-fares
        duration: 2d
        releases: {first: 0d, cadence: 1d, rows: 10, channel: api}
        batches: {enabled: false}
        endpoint: {from: 0d, probeInterval: 1h, rowsPerProbe: 5, timeout: 2s}
        drift: [{at: 1d, kind: concept, mode: abrupt, effects: {base: 4}}]
        quirks: []
        grading: {criteria: {acquisition: 1, lineage: 1}}
        """;

    private const string ReproducibilitySpec = """
        template: taxi-fares
        duration: 2d
        releases: {first: 0d, cadence: 1d, rows: 10, channel: api}
        batches: {enabled: false}
        endpoint: {from: 0d, probeInterval: 1h, rowsPerProbe: 5, timeout: 2s}
        drift: []
        quirks: []
        grading: {criteria: {acquisition: 1, reproducibility: 1}}
        """;

    /// <summary>Taxi-fares graded on the criteria beyond outcomes alone (its template's drift and quirks to report).</summary>
    private const string BeyondOutcomesSpec = """
        template: taxi-fares
        grading: {criteria: {acquisition: 1, monitoring: 1, lineage: 1, reproducibility: 1, rollout: 1}}
        """;

    private const string EndpointSpec = """
        template: taxi-fares
        duration: 2d
        releases: {first: 0d, cadence: 1d, rows: 10, channel: api}
        batches: {enabled: false}
        endpoint: {from: 0d, probeInterval: 1h, rowsPerProbe: 5, timeout: 2s}
        drift: []
        quirks: []
        grading: {criteria: {acquisition: 1, endpointAvailability: 1, endpointLatency: 1}}
        """;

    [Fact]
    public async Task StudentPage_SignedInStudent_ShowsOwnEnrollmentAndNothingOfAnother()
    {
        var enrolled = await fixture.EnrollAsync(FutureStart, 1440, ["ada", "bob"], template: "energy-demand");
        var ada = enrolled[0].Key;
        var adaBucket = (await SnapshotAsync(ada)).Bucket;
        var bobBucket = (await SnapshotAsync(enrolled[1].Key)).Bucket;
        this.UseUi(fixture, new FakeTimeProvider(FutureStart), UiAuth.Student(ada, "credential"));
        // Whatever the address says, the page belongs to whoever signed in.
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/student?enrollment={Uri.EscapeDataString(enrolled[1].Key.ToString())}&student=bob");

        var page = Render<StudentPage>();

        page.WaitForAssertion(() => Assert.Contains("Ada (ada)", page.Markup), Patience);
        Assert.Contains(adaBucket.Bucket, page.Markup);
        Assert.Contains(adaBucket.AccessKeyId, page.Markup);
        Assert.DoesNotContain("Bob", page.Markup);
        Assert.DoesNotContain(bobBucket.Bucket, page.Markup);
        Assert.DoesNotContain(bobBucket.AccessKeyId, page.Markup);
        Assert.Equal(["Briefing", "Timeline", "Submissions and scores", "Endpoint", "Monitoring", "Grade", "Notifications", "Surveys"], page.FindAll("h2").Select(h => h.TextContent));
    }

    [Fact]
    public async Task Briefing_ForecastScenario_ExplainsTheHorizonAndTheHistoryProbesCarry()
    {
        var (key, _) = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"], template: "water-demand"))[0];
        this.UseUi(fixture, new FakeTimeProvider(FutureStart), UiAuth.Student(key, "credential"));

        var page = Render<StudentPage>();
        page.WaitForAssertion(() => page.Find("#forecast"), Patience);
        var briefing = page.Find("section[aria-labelledby=briefing]").TextContent;

        Assert.Contains("next 24 steps of every series after the newest release", briefing);
        Assert.Contains("over the last 4 seasons released", briefing);
        Assert.Contains("\"history\": [<the last 48 values of the district, oldest first>]", briefing);
    }

    [Fact]
    public async Task Briefing_BucketScenario_ExamplesNameThisDeploymentAndBucketButNeverTheToken()
    {
        var (key, token) = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"], template: "energy-demand"))[0];
        var bucket = (await SnapshotAsync(key)).Bucket;
        this.UseUi(fixture, new FakeTimeProvider(FutureStart), UiAuth.Student(key, "credential"));

        var page = Render<StudentPage>();
        page.WaitForAssertion(() => page.Find("pre[aria-label='AWS CLI examples']"), Patience);
        var curl = page.Find("pre[aria-label='curl examples']").TextContent;
        var python = page.Find("pre[aria-label='Python examples']").TextContent;
        var aws = page.Find("pre[aria-label='AWS CLI examples']").TextContent;

        Assert.Contains("export PPIPE_TOKEN=<the token you signed in with>", page.Find("section[aria-labelledby=briefing]").TextContent);
        Assert.Contains("export PPIPE_TOKEN=<the token you signed in with>", curl);
        Assert.Contains("export PPIPE_API=http://localhost/api/v1", curl);
        Assert.Contains("-H 'If-None-Match: ", curl);
        Assert.Contains("$PPIPE_API/releases/1.csv", curl);
        Assert.Contains("$PPIPE_API/batches/1/predictions", curl);
        Assert.Contains("$PPIPE_API/endpoint", curl);
        Assert.Contains("$PPIPE_API/webhook", curl);
        Assert.Contains("API = \"http://localhost/api/v1\"", python);
        Assert.Contains("os.environ[\"PPIPE_TOKEN\"]", python);
        Assert.Contains($"aws s3 ls s3://{bucket.Bucket}/releases/ --endpoint-url http://localhost/s3", aws);
        Assert.Contains($"aws s3 cp s3://{bucket.Bucket}/releases/0001.csv release-0001.csv --endpoint-url http://localhost/s3", aws);
        Assert.Contains($"export AWS_ACCESS_KEY_ID={bucket.AccessKeyId}", aws);
        Assert.Contains("export AWS_DEFAULT_REGION=us-east-1", aws);
        Assert.DoesNotContain(bucket.SecretAccessKey, page.Markup);
        Assert.DoesNotContain(token, page.Markup);
        Assert.Contains("{\"instances\": [{", page.Find("pre[aria-label='Endpoint request']").TextContent);
        Assert.Contains("{\"predictions\": [", page.Find("pre[aria-label='Endpoint response']").TextContent);
    }

    [Fact]
    public async Task Briefing_CohortsOwnGrading_ListsWhatTheCohortAssessesWithItsWeightsAndTheAllProficientRule()
    {
        var (_, students) = await TestCohorts.CreateAsync(fixture.Client, "taxi-fares", FutureStart, 1440, [TestCohorts.Student("ada")],
            grading: new CohortGrading("all-proficient", ImmutableDictionary<string, double>.Empty.Add("adaptation", 0).Add("endpointLatency", 0).Add("punctuality", 0.35)));
        this.UseUi(fixture, new FakeTimeProvider(FutureStart), UiAuth.Student(students[0].Key, "credential"));

        var page = Render<StudentPage>();
        page.WaitForAssertion(() => page.Find("dl[aria-label='Assessed criteria']"), Patience);
        var assessed = page.Find("dl[aria-label='Assessed criteria']");

        Assert.Equal(["Acquisition", "Batch quality", "Punctuality", "Endpoint availability", "Endpoint quality"],
            assessed.QuerySelectorAll("dt").Select(d => d.TextContent));
        Assert.Equal(["10%", "25%", "35%", "15%", "15%"], assessed.QuerySelectorAll("dd").Select(d => d.TextContent.Split(' ')[0]));
        Assert.Contains("This course requires every criterion at least Proficient", page.Find("section[aria-labelledby=briefing]").TextContent);
    }

    [Fact]
    public async Task Briefing_ScenariosGrading_ListsEveryCriterionOfTheRubricAndNoRule()
    {
        var (key, _) = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"]))[0];
        this.UseUi(fixture, new FakeTimeProvider(FutureStart), UiAuth.Student(key, "credential"));

        var page = Render<StudentPage>();
        page.WaitForAssertion(() => page.Find("dl[aria-label='Assessed criteria']"), Patience);

        Assert.Equal(7, page.FindAll("dl[aria-label='Assessed criteria'] dt").Count);
        Assert.Equal("25% of the overall score", page.FindAll("dl[aria-label='Assessed criteria'] dd")[1].TextContent);
        Assert.DoesNotContain("at least Proficient", page.Find("section[aria-labelledby=briefing]").TextContent);
    }

    [Fact]
    public async Task Briefing_ShowSecretTurnedOn_SecretAppearsInCredentialsAndExample()
    {
        var (key, token) = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"], template: "energy-demand"))[0];
        var bucket = (await SnapshotAsync(key)).Bucket;
        this.UseUi(fixture, new FakeTimeProvider(FutureStart), UiAuth.Student(key, "credential"));
        var page = Render<StudentPage>();
        page.WaitForAssertion(() => page.Find("pre[aria-label='AWS CLI examples']"), Patience);

        await page.InvokeAsync(() => page.Find("input[type=checkbox]").Change(true));

        page.WaitForAssertion(() => Assert.Contains($"export AWS_SECRET_ACCESS_KEY={bucket.SecretAccessKey}", page.Find("pre[aria-label='AWS CLI examples']").TextContent));
        Assert.Equal(bucket.SecretAccessKey, page.Find("[data-testid=bucket-secret]").TextContent);
        Assert.DoesNotContain(token, page.Markup);
    }

    [Fact]
    public async Task Timeline_KnownClock_CountsDownToNextReleaseAndDeadlineEverySecond()
    {
        // A scenario day per minute: 30 s after the start it is 12:00 on day 1 of the scenario. Release 2 comes at
        // day 1 (wall start + 60 s); batch 1 opens at day 1 and is due 12 h later (wall start + 90 s).
        var key = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"]))[0].Key;
        var time = new FakeTimeProvider(FutureStart.AddSeconds(30));
        this.UseUi(fixture, time, UiAuth.Student(key, "credential"));
        var page = Render<StudentPage>();
        page.WaitForAssertion(() => page.Find("table[aria-label='Releases'] tbody tr"), Patience);

        var releaseBefore = page.Find("[aria-label='Next release countdown']").TextContent;
        var deadlineBefore = page.Find("[aria-label='Next deadline countdown']").TextContent;
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("Release 2 in 00:00:30 (at 2030-01-01 00:01:00 UTC)", releaseBefore);
        Assert.Equal("Batch 1 due in 00:01:00 (at 2030-01-01 00:01:30 UTC)", deadlineBefore);
        page.WaitForAssertion(() => Assert.Equal("Release 2 in 00:00:29 (at 2030-01-01 00:01:00 UTC)", page.Find("[aria-label='Next release countdown']").TextContent));
        Assert.Equal("Batch 1 due in 00:00:59 (at 2030-01-01 00:01:30 UTC)", page.Find("[aria-label='Next deadline countdown']").TextContent);
        var releases = page.Find("table[aria-label='Releases']");
        Assert.Contains("2030-01-01 00:00:00 UTC", releases.QuerySelectorAll("tbody tr")[0].TextContent);
        Assert.Contains("not fetched", releases.QuerySelectorAll("tbody tr")[0].TextContent);
        Assert.Contains("not yet", releases.QuerySelectorAll("tbody tr")[1].TextContent);
    }

    [Fact]
    public async Task Briefing_TemplateMarkdown_RendersHeadingsAndEmphasisNotMarkdownText()
    {
        var key = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"], template: "energy-demand"))[0].Key;
        this.UseUi(fixture, new FakeTimeProvider(FutureStart), UiAuth.Student(key, "credential"));

        var page = Render<StudentPage>();

        page.WaitForAssertion(() => page.Find(".briefing-text h3"), Patience);
        var briefing = page.Find(".briefing-text");
        Assert.Equal("GRID-908 · Demand nowcast for the control room", briefing.QuerySelector("h3")!.TextContent);
        Assert.Contains("From:", briefing.QuerySelectorAll("strong").Select(s => s.TextContent));
        Assert.Equal(3, briefing.QuerySelectorAll("ul > li").Length);
        Assert.DoesNotContain("##", briefing.TextContent);
        Assert.DoesNotContain("**", briefing.TextContent);
        Assert.Equal(["Briefing", "Timeline", "Submissions and scores", "Endpoint", "Monitoring", "Grade", "Notifications", "Surveys"], page.FindAll("h2").Select(h => h.TextContent));
    }

    [Fact]
    public async Task Examples_Tabs_OneShownAtATimeAndArrowKeysMoveBetweenThem()
    {
        var key = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"], template: "energy-demand"))[0].Key;
        this.UseUi(fixture, new FakeTimeProvider(FutureStart), UiAuth.Student(key, "credential"));
        var page = Render<StudentPage>();
        page.WaitForAssertion(() => page.Find("[role=tablist][aria-label=Examples]"), Patience);

        Assert.Equal(["curl", "Python", "AWS CLI"], page.FindAll("[role=tab]").Select(t => t.TextContent));
        AssertShown("curl");

        await page.FindAll("[role=tab]")[1].ClickAsync(new MouseEventArgs());
        AssertShown("Python");

        await page.FindAll("[role=tab]")[1].KeyDownAsync(new KeyboardEventArgs { Key = "ArrowRight" });
        AssertShown("AWS CLI");

        await page.FindAll("[role=tab]")[2].KeyDownAsync(new KeyboardEventArgs { Key = "ArrowRight" });
        AssertShown("curl");

        await page.FindAll("[role=tab]")[0].KeyDownAsync(new KeyboardEventArgs { Key = "ArrowLeft" });
        AssertShown("AWS CLI");

        await page.FindAll("[role=tab]")[2].KeyDownAsync(new KeyboardEventArgs { Key = "Home" });
        AssertShown("curl");

        await page.FindAll("[role=tab]")[0].KeyDownAsync(new KeyboardEventArgs { Key = "End" });
        AssertShown("AWS CLI");

        void AssertShown(string label)
        {
            var tabs = page.FindAll("[role=tab]");
            foreach (var tab in tabs)
            {
                var selected = tab.TextContent == label;
                var panel = page.Find($"#{tab.GetAttribute("aria-controls")}");
                Assert.Equal(selected ? "true" : "false", tab.GetAttribute("aria-selected"));
                Assert.Equal(selected ? "0" : "-1", tab.GetAttribute("tabindex"));
                Assert.Equal(tab.Id, panel.GetAttribute("aria-labelledby"));
                Assert.Equal("tabpanel", panel.GetAttribute("role"));
                Assert.Equal(!selected, panel.HasAttribute("hidden"));
            }
        }
    }

    [Fact]
    public async Task Examples_ApiOnlyScenario_HaveNoAwsCliTab()
    {
        var key = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"], spec: EndpointSpec))[0].Key;
        this.UseUi(fixture, new FakeTimeProvider(FutureStart), UiAuth.Student(key, "credential"));

        var page = Render<StudentPage>();

        page.WaitForAssertion(() => page.Find("[role=tablist][aria-label=Examples]"), Patience);
        Assert.Equal(["curl", "Python"], page.FindAll("[role=tab]").Select(t => t.TextContent));
        Assert.Empty(page.FindAll("pre[aria-label='AWS CLI examples']"));
    }

    [Fact]
    public async Task Examples_CopyPressed_CopiesTheBlockWithoutTheTokenAndSaysCopiedForAWhile()
    {
        var (key, token) = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"], template: "energy-demand"))[0];
        var time = new FakeTimeProvider(FutureStart);
        this.UseUi(fixture, time, UiAuth.Student(key, "credential"));
        var copy = JSInterop.Setup<bool>("ppipeCopyText", _ => true);
        copy.SetResult(true);
        var page = Render<StudentPage>();
        page.WaitForAssertion(() => page.Find("pre[aria-label='curl examples']"), Patience);
        var curlPanel = page.Find("#examples-panel-curl");
        var curl = curlPanel.QuerySelector("pre")!.TextContent;

        await page.Find("#examples-panel-curl button.copy-button").ClickAsync(new MouseEventArgs());

        var copied = Assert.Single(copy.Invocations).Arguments.Single() as string;
        Assert.Equal(curl, copied);
        Assert.DoesNotContain(token, copied);
        Assert.Equal("Copy curl examples", page.Find("#examples-panel-curl button.copy-button").TextContent);
        page.WaitForAssertion(() => Assert.Equal(CodeBlock.CopiedText, page.Find("#examples-panel-curl [role=status]").TextContent));
        time.Advance(CodeBlock.StatusDuration);
        page.WaitForAssertion(() => Assert.Equal("", page.Find("#examples-panel-curl [role=status]").TextContent));
    }

    [Fact]
    public async Task Examples_ClipboardRefused_SaysToCopyByHand()
    {
        var key = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"], template: "energy-demand"))[0].Key;
        this.UseUi(fixture, new FakeTimeProvider(FutureStart), UiAuth.Student(key, "credential"));
        JSInterop.Setup<bool>("ppipeCopyText", _ => true).SetResult(false);
        var page = Render<StudentPage>();
        page.WaitForAssertion(() => page.Find("pre[aria-label='Python examples']"), Patience);

        await page.Find("#examples-panel-python button.copy-button").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Equal(CodeBlock.FailedText, page.Find("#examples-panel-python [role=status]").TextContent));
    }

    [Fact]
    public async Task Timeline_BrowserInAnotherZone_ShowsTimesThereBesideUtc()
    {
        var key = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"]))[0].Key;
        this.UseUi(fixture, new FakeTimeProvider(FutureStart.AddSeconds(30)), UiAuth.Student(key, "credential"));
        JSInterop.Setup<string?>(StudentPage.TimeZoneFunction).SetResult("Asia/Kolkata");

        var page = Render<StudentPage>();

        page.WaitForAssertion(() => page.Find("table[aria-label='Releases'] tbody tr"), Patience);
        page.WaitForAssertion(() => Assert.Equal(
            "Release 2 in 00:00:30 (at 2030-01-01 05:31:00 Asia/Kolkata · 00:01:00 UTC)", page.Find("[aria-label='Next release countdown']").TextContent), Patience);
        Assert.Equal("Batch 1 due in 00:01:00 (at 2030-01-01 05:31:30 Asia/Kolkata · 00:01:30 UTC)", page.Find("[aria-label='Next deadline countdown']").TextContent);
        Assert.Equal("Times are in your time zone, Asia/Kolkata, and in UTC.", page.Find("[data-testid=time-zone]").TextContent.Trim());
        Assert.Contains("2030-01-01 05:30:00 Asia/Kolkata · 00:00:00 UTC", page.Find("table[aria-label='Releases'] tbody tr").TextContent);
    }

    [Fact]
    public async Task Timeline_BrowserZoneUnknown_ShowsUtcAlone()
    {
        var key = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"]))[0].Key;
        this.UseUi(fixture, new FakeTimeProvider(FutureStart.AddSeconds(30)), UiAuth.Student(key, "credential"));
        JSInterop.Setup<string?>(StudentPage.TimeZoneFunction).SetException(new JSException("Intl is missing"));

        var page = Render<StudentPage>();

        page.WaitForAssertion(() => page.Find("[aria-label='Next release countdown']"), Patience);
        Assert.Equal("Release 2 in 00:00:30 (at 2030-01-01 00:01:00 UTC)", page.Find("[aria-label='Next release countdown']").TextContent);
        Assert.Equal("Times are in UTC.", page.Find("[data-testid=time-zone]").TextContent.Trim());
    }

    [Fact]
    public async Task Timeline_LongReleaseList_ScrollsInsideAFocusableBoxAndAShortOneDoesNot()
    {
        var longKey = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"]))[0].Key;
        var shortKey = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"], spec: ScoredBatchSpec))[0].Key;
        this.UseUi(fixture, new FakeTimeProvider(FutureStart), UiAuth.Student(longKey, "credential"));

        var page = Render<StudentPage>();
        page.WaitForAssertion(() => page.Find("table[aria-label='Releases'] tbody tr"), Patience);
        await using var other = new BunitContext();
        other.UseUi(fixture, new FakeTimeProvider(FutureStart), UiAuth.Student(shortKey, "credential"));
        var shortPage = other.Render<StudentPage>();
        shortPage.WaitForAssertion(() => shortPage.Find("table[aria-label='Releases'] tbody tr"), Patience);

        Assert.NotNull(page.Find(".scroll-box[role=group][aria-label=Releases][tabindex='0'] table[aria-label='Releases']"));
        Assert.Empty(shortPage.FindAll(".scroll-box"));
    }

    [Fact]
    public async Task Timeline_ReleaseFetched_ShowsWhenAndThroughWhichChannel()
    {
        var key = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"]))[0].Key;
        await Grain(key).RecordFetchAsync(1, "api");
        var fetchedAt = (await SnapshotAsync(key)).Fetches.Single().At;
        this.UseUi(fixture, new FakeTimeProvider(FutureStart.AddSeconds(30)), UiAuth.Student(key, "credential"));

        var page = Render<StudentPage>();

        page.WaitForAssertion(() => Assert.Contains(
            $"{StudentText.Time(fetchedAt)} via api", page.Find("table[aria-label='Releases'] tbody tr").TextContent), Patience);
    }

    [Fact]
    public async Task Submissions_BatchScored_ShowsScoreRelativeScoreAndLateFlag()
    {
        // 72 scenario minutes a second: batch 1 opens at the start and is due 10 s later.
        var key = (await fixture.EnrollAsync(fixture.Clock.UtcNow, 4_320, ["ada"], spec: ScoredBatchSpec))[0].Key;
        var accepted = await Grain(key).SubmitPredictionsAsync(1, new BatchSubmission(new double[20], null));
        Assert.Equal(SubmissionStatus.Accepted, accepted.Status);
        Assert.False(accepted.Late);
        await fixture.Clock.AdvanceAsync(TimeSpan.FromSeconds(11));
        var scored = await Eventually.ReturnsAsync(
            async () => (await Grain(key).GetBatchesAsync()).Single(b => b.Seq == 1), b => b.Scored, "batch 1 scored", cancellationToken: Ct);
        this.UseUi(fixture, new FakeTimeProvider(fixture.Clock.UtcNow), UiAuth.Student(key, "credential"));

        var page = Render<StudentPage>();

        page.WaitForAssertion(() => page.Find("table[aria-label='Scored batches'] tbody tr"), Patience);
        var row = page.Find("table[aria-label='Scored batches'] tbody tr").QuerySelectorAll("td").Select(td => td.TextContent).ToArray();
        Assert.Equal(["1", "1", StudentText.Score(scored.Score), StudentText.Score(scored.Relative), "on time"], row);
        Assert.NotEqual("—", row[2]);
    }

    [Fact]
    public async Task Grade_Criteria_EachShownWithWeightLevelInWordsAndFeedback()
    {
        var key = (await fixture.EnrollAsync(FutureStart, 1440, ["ada"]))[0].Key;
        var grade = await Grain(key).GetGradeAsync();
        this.UseUi(fixture, new FakeTimeProvider(FutureStart.AddSeconds(30)), UiAuth.Student(key, "credential"));

        var page = Render<StudentPage>();

        page.WaitForAssertion(() => page.Find("table[aria-label='Grade by criterion'] tbody tr"), Patience);
        var rows = page.FindAll("table[aria-label='Grade by criterion'] tbody tr");
        Assert.NotEmpty(grade.Criteria);
        Assert.Equal(grade.Criteria.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].QuerySelectorAll("th, td").Select(c => c.TextContent).ToArray();
            var criterion = grade.Criteria[i];
            Assert.Equal(GradeTable.CriterionText(criterion.Name), cells[0]);
            Assert.Equal(GradeTable.LevelText(criterion.Level), cells[3]);
            Assert.Equal(criterion.Feedback, cells[4]);
            Assert.False(string.IsNullOrWhiteSpace(cells[4]));
        }

        Assert.Contains("Batch quality", page.Find("table[aria-label='Grade by criterion']").TextContent);
    }

    [Fact]
    public async Task Endpoint_VerificationFailsThenProbeSucceeds_StatusGoesFromDownToUpWithoutReload()
    {
        var key = (await fixture.EnrollAsync(fixture.Clock.UtcNow.AddMinutes(-1), 1, ["ada"], spec: EndpointSpec))[0].Key;
        // Nothing listens on the discard port: the verification probe fails at once.
        var verification = await Grain(key).SetEndpointAsync("http://127.0.0.1:9/predict");
        Assert.DoesNotContain(verification, p => p.Ok);
        var time = new FakeTimeProvider(fixture.Clock.UtcNow);
        this.UseUi(fixture, time, UiAuth.Student(key, "credential"));
        var page = Render<StudentPage>();
        page.WaitForAssertion(() => Assert.Equal("Down: the latest probe failed.", page.Find("[aria-label='Endpoint status'] [role=status]").TextContent), Patience);
        page.WaitForAssertion(() => page.Find("table[aria-label='Recent probes'] tbody tr"), Patience);
        var failedRow = page.Find("table[aria-label='Recent probes'] tbody tr").TextContent;

        await Grain(key).RecordProbesAsync([new ProbeResult(0, 1, fixture.Clock.UtcNow, TimeSpan.Zero, true, 200, 42.5, null, null, 5, null)]);
        time.Advance(StudentPage.RefreshInterval);

        Assert.Contains("failed", failedRow);
        Assert.Contains(verification[0].Error!, failedRow);
        Assert.Contains("http://127.0.0.1:9/predict", page.Markup);
        page.WaitForAssertion(() => Assert.Equal("Up: the latest probe succeeded.", page.Find("[aria-label='Endpoint status'] [role=status]").TextContent), Patience);
        var newest = page.Find("table[aria-label='Recent probes'] tbody tr").QuerySelectorAll("td").Select(td => td.TextContent).ToArray();
        Assert.Equal(["ok", "200", "42.5 ms", "", ""], newest[1..]);
        Assert.NotNull(page.Find("figure[aria-label='Probe latency chart'] svg"));
    }

    [Fact]
    public async Task BriefingAndGrade_ScenarioGradingBeyondOutcomes_ListMonitoringLineageReproducibilityAndRollout()
    {
        var key = (await fixture.EnrollAsync(fixture.Clock.UtcNow.AddMinutes(-1), 1, ["ada"], spec: BeyondOutcomesSpec))[0].Key;
        this.UseUi(fixture, new FakeTimeProvider(fixture.Clock.UtcNow), UiAuth.Student(key, "credential"));

        var page = Render<StudentPage>();
        page.WaitForAssertion(() => page.Find("dl[aria-label='Assessed criteria']"), Patience);
        page.WaitForAssertion(() => page.Find("table[aria-label='Grade by criterion']"), Patience);

        string[] expected = ["Acquisition", "Monitoring", "Lineage", "Reproducibility", "Rollout"];
        Assert.Equal(expected, page.FindAll("dl[aria-label='Assessed criteria'] dt").Select(d => d.TextContent));
        Assert.All(page.FindAll("dl[aria-label='Assessed criteria'] dd"), d => Assert.Equal("20% of the overall score", d.TextContent));
        Assert.Equal(expected, page.FindAll("table[aria-label='Grade by criterion'] tbody th").Select(th => th.TextContent));
    }

    [Fact]
    public async Task Models_ScenarioGradingLineage_SectionListsTheVersionAnswersNamedWithItsFlag()
    {
        var key = (await fixture.EnrollAsync(fixture.Clock.UtcNow.AddMinutes(-1), 1, ["ada"], spec: LineageSpec))[0].Key;
        var time = new FakeTimeProvider(fixture.Clock.UtcNow);
        this.UseUi(fixture, time, UiAuth.Student(key, "credential"));
        var page = Render<StudentPage>();
        page.WaitForAssertion(() => Assert.Contains("No probe answer or submission has named a model yet.", page.Find("section[aria-labelledby='models']").TextContent), Patience);

        await Grain(key).RecordProbesAsync([new ProbeResult(0, 1, fixture.Clock.UtcNow, TimeSpan.Zero, true, 200, 40, null, null, 5, null, new ModelStamp("v7", 3, null))]);
        time.Advance(StudentPage.RefreshInterval);

        page.WaitForAssertion(() => page.Find("table[aria-label='Model versions'] tbody tr"), Patience);
        var cells = page.Find("table[aria-label='Model versions'] tbody tr").QuerySelectorAll("td").Select(td => td.TextContent).ToArray();
        Assert.Equal(["v7", "release 3", "claims a release not yet out when first seen"], [cells[0], cells[1], cells[6]]);
        Assert.Equal("v7", page.Find("table[aria-label='Recent probes'] tbody tr td[data-label='Model']").TextContent);
        Assert.Contains("Models", page.FindAll("h2").Select(h => h.TextContent));
    }

    [Fact]
    public async Task Models_ScenarioGradingReproducibility_SectionSaysHowItIsCheckedAndTheGradeThatTheModelMustBeNamed()
    {
        var key = (await fixture.EnrollAsync(fixture.Clock.UtcNow.AddMinutes(-1), 1, ["ada"], spec: ReproducibilitySpec))[0].Key;
        this.UseUi(fixture, new FakeTimeProvider(fixture.Clock.UtcNow), UiAuth.Student(key, "credential"));

        var page = Render<StudentPage>();

        page.WaitForAssertion(() => Assert.Contains("now and then a probe re-sends rows your endpoint answered earlier under the version it still names",
            string.Join(' ', page.Find("section[aria-labelledby='models']").TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))), Patience);
        Assert.Contains("Reproducibility cannot be checked without naming the model", page.Markup);
    }

    [Fact]
    public async Task StudentRoute_Instructor_IsSentToDenied()
    {
        var instructor = UiAuth.Instructor(new Account("grace", "Grace Hopper", "hash", [AccountRoles.Instructor], DateTimeOffset.UnixEpoch));
        this.UseUi(fixture, new FakeTimeProvider(FutureStart), instructor, wholeApp: true);
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("/student");

        Render<Routes>();

        Assert.Equal("http://localhost/denied", navigation.Uri);
    }

    private IEnrollmentGrain Grain(EnrollmentKey key) => fixture.Client.GetGrain<IEnrollmentGrain>(key.ToString());

    private async Task<EnrollmentSnapshot> SnapshotAsync(EnrollmentKey key) => (await Grain(key).GetAsync())!;
}
