using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ical.Net.CalendarComponents;
using PPipe.Api.Tests.Infrastructure;
using IcalCalendar = Ical.Net.Calendar;

namespace PPipe.Api.Tests.Calendar;

/// <summary>
/// A student's calendar feed over real HTTP, read as a calendar app reads it (parsed with Ical.Net): what it lists, how an
/// instructor's extension and a pause show in it, its secret URL and its rotation, and the JSON schedule beside it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CalendarFeedApiTests(ApiPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Scenario time runs 1440 times faster than the wall clock in these cohorts: a scenario day is a minute.</summary>
    private const double Speed = 1440;

    [Fact]
    public async Task Feed_NewStudent_ParsesAndListsEveryReleaseBatchWindowAndDeadline()
    {
        var (token, _) = await EnrollAsync();
        using var student = platform.Student(token);
        var url = await FeedUrlAsync(student);
        using var anonymous = platform.Anonymous();

        var response = await anonymous.GetAsync(url, Ct);
        var calendar = IcalCalendar.Load(await response.Content.ReadAsStringAsync(Ct))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl is { Private: true, NoCache: true });
        Assert.NotNull(response.Headers.ETag);
        var events = calendar.Events.ToList();
        Assert.Equal(events.Count, events.Select(e => e.Uid).Distinct().Count());
        // energy-demand: 28 daily releases from day 0, daily batches from day 1 due 6 hours after they open.
        Assert.Equal(28, events.Count(e => e.Summary!.StartsWith("Release ", StringComparison.Ordinal)));
        var windows = events.Where(e => e.Categories.Contains("Batch window")).OrderBy(e => e.DtStart).ToList();
        Assert.Equal(27, windows.Count);
        Assert.All(windows, w => AssertAbout(TimeSpan.FromHours(6) / Speed, w.DtEnd!.AsUtc - w.DtStart!.AsUtc));
        var due = Due(calendar, 1);
        Assert.Equal(windows[0].DtEnd!.AsUtc, due.DtStart!.AsUtc);
        Assert.Equal(0, due.Sequence);
        // The cohort's late policy has a 12-hour cutoff: each batch's late work closes 12 scenario hours after its due time.
        var cutoff = Assert.Single(events, e => e.Summary == "Batch 1: late work closes");
        AssertAbout(TimeSpan.FromHours(12) / Speed, cutoff.DtStart!.AsUtc - due.DtStart!.AsUtc);
        Assert.Single(events, e => e.Summary == "Scenario ends");
        Assert.All(events, e => Assert.True(e.DtStart!.IsUtc));
    }

    [Fact]
    public async Task Extension_GrantedThroughTheAdminApi_MovesTheDeadlinesAndRaisesTheirSequence()
    {
        var (token, cohort) = await EnrollAsync("ext-ada");
        using var student = platform.Student(token);
        var url = await FeedUrlAsync(student);
        using var anonymous = platform.Anonymous();
        var before = IcalCalendar.Load(await anonymous.GetStringAsync(url, Ct))!;

        using var admin = platform.Admin();
        var asked = DateTime.UtcNow;
        var extended = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/students/ext-ada/extension", new { extension = "12h" }, Ct);
        var answered = DateTime.UtcNow;
        var after = IcalCalendar.Load(await anonymous.GetStringAsync(url, Ct))!;

        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        var (dueBefore, dueAfter) = (Due(before, 3), Due(after, 3));
        Assert.Equal(dueBefore.Uid, dueAfter.Uid);
        AssertAbout(TimeSpan.FromHours(12) / Speed, dueAfter.DtStart!.AsUtc - dueBefore.DtStart!.AsUtc);
        Assert.Equal(dueBefore.Sequence + 1, dueAfter.Sequence);
        // LAST-MODIFIED is when the extension was granted (to the second; the feed's times are whole seconds).
        Assert.InRange(dueAfter.LastModified!.AsUtc, asked.AddTicks(-(asked.Ticks % TimeSpan.TicksPerSecond)), answered);
        Assert.Equal(dueAfter.LastModified, dueAfter.DtStamp);
        Assert.Contains("extension of 12h", dueAfter.Description, StringComparison.Ordinal);
        // A release does not move with an extension, so calendar apps leave it alone.
        var (releaseBefore, releaseAfter) = (Release(before, 3), Release(after, 3));
        Assert.Equal(releaseBefore.DtStart, releaseAfter.DtStart);
        Assert.Equal(releaseBefore.Sequence, releaseAfter.Sequence);
    }

    [Fact]
    public async Task Feed_ETagSentBack_304UntilAnExtensionChangesIt()
    {
        var (token, cohort) = await EnrollAsync("etag-ada");
        using var student = platform.Student(token);
        var url = await FeedUrlAsync(student);
        using var anonymous = platform.Anonymous();
        var first = await anonymous.GetAsync(url, Ct);
        var etag = first.Headers.ETag!;

        var again = await GetIfNoneMatchAsync(anonymous, url, etag);
        using var admin = platform.Admin();
        (await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/students/etag-ada/extension", new { extension = "1d" }, Ct)).EnsureSuccessStatusCode();
        var changed = await GetIfNoneMatchAsync(anonymous, url, etag);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(etag, again.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task Feed_ClientAcceptsGzip_SameCalendarCompressedWithTheSameETag()
    {
        var (token, _) = await EnrollAsync();
        using var student = platform.Student(token);
        var url = await FeedUrlAsync(student);
        using var anonymous = platform.Anonymous();
        var plain = await anonymous.GetAsync(url, Ct);

        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate");
        var compressed = await anonymous.SendAsync(request, Ct);
        await using var stream = new GZipStream(await compressed.Content.ReadAsStreamAsync(Ct), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);

        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.Equal(await plain.Content.ReadAsStringAsync(Ct), await reader.ReadToEndAsync(Ct));
        Assert.Equal(plain.Headers.ETag, compressed.Headers.ETag);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Rotate_OldUrlIs404AtOnceAndTheNewOneServes()
    {
        var (token, _) = await EnrollAsync();
        using var student = platform.Student(token);
        var old = await FeedUrlAsync(student);
        using var anonymous = platform.Anonymous();
        (await anonymous.GetAsync(old, Ct)).EnsureSuccessStatusCode();

        var rotated = await student.PostAsync("/api/v1/calendar/rotate", null, Ct);
        var fresh = (await rotated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("feedUrl").GetString()!;
        var oldAgain = await anonymous.GetAsync(old, Ct);
        var freshResponse = await anonymous.GetAsync(fresh, Ct);

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.NotEqual(old, fresh);
        Assert.Equal(HttpStatusCode.NotFound, oldAgain.StatusCode);
        Assert.Equal("application/problem+json", oldAgain.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, freshResponse.StatusCode);
        Assert.Equal(fresh, await FeedUrlAsync(student));
    }

    [Fact]
    public async Task RemovedStudent_FeedUrlIs404()
    {
        var (token, cohort) = await EnrollAsync("cal-removed");
        using var student = platform.Student(token);
        var url = await FeedUrlAsync(student);
        using var anonymous = platform.Anonymous();
        (await anonymous.GetAsync(url, Ct)).EnsureSuccessStatusCode();
        using var admin = platform.Admin();

        (await admin.DeleteAsync($"/api/v1/admin/cohorts/{cohort}/students/cal-removed", Ct)).EnsureSuccessStatusCode();
        var afterwards = await anonymous.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.NotFound, afterwards.StatusCode);
    }

    [Fact]
    public async Task Rotate_PastTheHourlyLimit_429WithRetryAfterAndTheUrlKept()
    {
        var (token, _) = await EnrollAsync();
        using var student = platform.Student(token);
        for (var i = 0; i < 10; i++)
        {
            (await student.PostAsync("/api/v1/calendar/rotate", null, Ct)).EnsureSuccessStatusCode();
        }

        var current = await FeedUrlAsync(student);

        var refused = await student.PostAsync("/api/v1/calendar/rotate", null, Ct);
        using var anonymous = platform.Anonymous();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(55), TimeSpan.FromHours(1));
        Assert.Equal(current, await FeedUrlAsync(student));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(current, Ct)).StatusCode);
    }

    [Theory]
    [InlineData("ppc_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-secret")]
    [InlineData("ppt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Feed_UnknownSecret_404Problem(string secret)
    {
        using var anonymous = platform.Anonymous();

        var response = await anonymous.GetAsync($"/api/v1/calendar/{secret}.ics", Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("calendar feed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_StudentTokenInPlaceOfTheSecret_404()
    {
        var (token, _) = await EnrollAsync();
        using var anonymous = platform.Anonymous();

        var response = await anonymous.GetAsync($"/api/v1/calendar/{token}.ics", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Schedule_Json_IsTheFeedsEvents()
    {
        var (token, cohort) = await EnrollAsync("json-ada");
        using var admin = platform.Admin();
        (await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/students/json-ada/extension", new { extension = "2h" }, Ct)).EnsureSuccessStatusCode();
        using var student = platform.Student(token);

        var schedule = await student.GetFromJsonAsync<JsonElement>("/api/v1/schedule", Ct);
        using var anonymous = platform.Anonymous();
        var feed = IcalCalendar.Load(await anonymous.GetStringAsync(schedule.GetProperty("feedUrl").GetString(), Ct))!;

        Assert.Equal("2h", schedule.GetProperty("extension").GetString());
        var events = schedule.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(feed.Events.Count, events.Count);
        Assert.All(events, json =>
        {
            var item = Assert.Single(feed.Events, e => e.Uid == json.GetProperty("uid").GetString());
            Assert.Equal(json.GetProperty("title").GetString(), item.Summary);
            Assert.Equal(json.GetProperty("start").GetDateTimeOffset().UtcDateTime, item.DtStart!.AsUtc);
            Assert.Equal(json.GetProperty("end").ValueKind == JsonValueKind.Null ? null : json.GetProperty("end").GetDateTimeOffset().UtcDateTime,
                item.DtEnd?.AsUtc);
            Assert.Equal(json.GetProperty("sequence").GetInt32(), item.Sequence);
            Assert.Equal(json.GetProperty("lastModified").GetDateTimeOffset().UtcDateTime, item.LastModified!.AsUtc);
            Assert.Equal(json.GetProperty("tentative").GetBoolean() ? "TENTATIVE" : "CONFIRMED", item.Status);
        });
        Assert.Equal(["release", "batchWindow", "batchDue", "lateCutoff", "end"],
            events.Select(e => e.GetProperty("kind").GetString()).Distinct().Order(Comparer<string?>.Create(KindOrder)));
    }

    [Fact]
    public async Task Pause_LaterEventsTentativeAndOneSequenceUp_EarlierOnesUntouched()
    {
        var (token, cohort) = await EnrollAsync(startedAgo: TimeSpan.FromMinutes(2));
        using var student = platform.Student(token);
        var url = await FeedUrlAsync(student);
        using var anonymous = platform.Anonymous();
        var running = IcalCalendar.Load(await anonymous.GetStringAsync(url, Ct))!;

        using var admin = platform.Admin();
        (await admin.PostAsync($"/api/v1/admin/cohorts/{cohort}/pause", null, Ct)).EnsureSuccessStatusCode();
        var paused = IcalCalendar.Load(await anonymous.GetStringAsync(url, Ct))!;
        (await admin.PostAsync($"/api/v1/admin/cohorts/{cohort}/resume", null, Ct)).EnsureSuccessStatusCode();
        var resumed = IcalCalendar.Load(await anonymous.GetStringAsync(url, Ct))!;

        // Two scenario days have passed: release 1 is history, release 10 is to come.
        Assert.Equal("CONFIRMED", Release(paused, 1).Status);
        Assert.Equal(Release(running, 1).Sequence, Release(paused, 1).Sequence);
        Assert.Equal("TENTATIVE", Release(paused, 10).Status);
        Assert.Equal(Release(running, 10).DtStart, Release(paused, 10).DtStart);
        Assert.Equal(Release(running, 10).Sequence + 1, Release(paused, 10).Sequence);
        Assert.Contains("paused", Release(paused, 10).Description, StringComparison.Ordinal);
        Assert.Equal("CONFIRMED", Release(resumed, 10).Status);
        Assert.Equal(Release(running, 10).Sequence + 2, Release(resumed, 10).Sequence);
        Assert.True(Release(resumed, 10).DtStart!.AsUtc >= Release(running, 10).DtStart!.AsUtc);
    }

    [Fact]
    public async Task Me_CalendarUrl_IsTheScheduleFeedUrl()
    {
        var (token, _) = await EnrollAsync();
        using var student = platform.Student(token);

        var me = await student.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        var schedule = await student.GetFromJsonAsync<JsonElement>("/api/v1/schedule", Ct);

        var url = me.GetProperty("calendarUrl").GetString()!;
        Assert.Equal(schedule.GetProperty("feedUrl").GetString(), url);
        Assert.StartsWith(platform.BaseAddress.ToString().TrimEnd('/') + "/api/v1/calendar/ppc_", url, StringComparison.Ordinal);
        Assert.EndsWith(".ics", url, StringComparison.Ordinal);
        Assert.DoesNotContain(token, url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedUrls_RequestNamingAnotherHost_StillThePlatformsOwnAddress()
    {
        // A calendar app keeps the URL for months: it must never start with whatever host a request named.
        var (token, _) = await EnrollAsync();
        using var student = platform.Student(token);
        student.DefaultRequestHeaders.Host = "attacker.example";

        var me = await student.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        var schedule = await student.GetFromJsonAsync<JsonElement>("/api/v1/schedule", Ct);
        using var rotated = await student.PostAsync("/api/v1/calendar/rotate", null, Ct);
        var fresh = (await rotated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("feedUrl").GetString()!;

        var own = platform.BaseAddress.ToString().TrimEnd('/') + "/api/v1/calendar/ppc_";
        Assert.All([me.GetProperty("calendarUrl").GetString()!, schedule.GetProperty("feedUrl").GetString()!, fresh],
            url => Assert.StartsWith(own, url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RotateAndSchedule_WithoutToken_401()
    {
        using var anonymous = platform.Anonymous();

        var rotate = await anonymous.PostAsync("/api/v1/calendar/rotate", null, Ct);
        var schedule = await anonymous.GetAsync("/api/v1/schedule", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, rotate.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, schedule.StatusCode);
    }

    /// <summary>Feed times are whole seconds: a span between two of them is within a second of the exact one.</summary>
    private static void AssertAbout(TimeSpan expected, TimeSpan actual) =>
        Assert.InRange(actual, expected - TimeSpan.FromSeconds(1), expected + TimeSpan.FromSeconds(1));

    private static int KindOrder(string? a, string? b)
    {
        string[] order = ["release", "batchWindow", "batchDue", "lateCutoff", "end"];
        return Array.IndexOf(order, a).CompareTo(Array.IndexOf(order, b));
    }

    private static CalendarEvent Due(IcalCalendar calendar, int seq) => Assert.Single(calendar.Events, e => e.Summary == $"Batch {seq} due");

    private static CalendarEvent Release(IcalCalendar calendar, int seq) => Assert.Single(calendar.Events, e => e.Summary == $"Release {seq} out");

    private static async Task<string> FeedUrlAsync(HttpClient student) =>
        (await student.GetFromJsonAsync<JsonElement>("/api/v1/schedule", Ct)).GetProperty("feedUrl").GetString()!;

    private static Task<HttpResponseMessage> GetIfNoneMatchAsync(HttpClient http, string url, EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);
        return http.SendAsync(request, Ct);
    }

    /// <summary>
    /// A new energy-demand cohort (daily releases and batches due after 6 h) whose own late policy takes late work with a
    /// penalty until 12 h after the due time, and one student in it; returns the student's token and the cohort id.
    /// </summary>
    private async Task<(string Token, string Cohort)> EnrollAsync(string studentId = "ada", TimeSpan? startedAgo = null)
    {
        using var admin = platform.Admin();
        var created = await admin.PostAsJsonAsync("/api/v1/admin/cohorts", new
        {
            name = "Calendar tests",
            scenarioId = "energy-demand",
            version = 1,
            startsAt = DateTimeOffset.UtcNow - (startedAgo ?? TimeSpan.Zero),
            speed = Speed,
            late = new { policy = "penalty", penalty = 0.2, cutoff = "12h" },
        }, Ct);
        created.EnsureSuccessStatusCode();
        var cohort = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        return ((await platform.EnrollAsync(cohort, studentId))[0], cohort);
    }
}
