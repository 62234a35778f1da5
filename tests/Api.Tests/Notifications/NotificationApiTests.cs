using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PPipe.Api.Tests.Infrastructure;
using PPipe.Grains.Client.Notifications;
using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Api.Tests.Notifications;

/// <summary>Students' notification settings, one-click unsubscribe, announcements and the instructor's alerts over real HTTP.</summary>
[Collection(ApiCollection.Name)]
public sealed class NotificationApiTests(ApiPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_NothingChosenYet_MailToTheRosterAddressOfEveryKind()
    {
        using var student = await StudentAsync();

        var settings = await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/notifications", Ct);

        Assert.True(settings.GetProperty("email").GetProperty("enabled").GetBoolean());
        Assert.Equal($"{student.Id}@example.org", settings.GetProperty("email").GetProperty("address").GetString());
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("chat").ValueKind);
        Assert.Equal(["batchOpened", "batchDueSoon", "batchMissed", "endpoint", "gradeLevel", "announcement", "survey"],
            settings.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task Put_ChatAndSomeKinds_SavedAndReadBack()
    {
        using var student = await StudentAsync();
        var chat = "http://127.0.0.1:9/hooks/abc";

        var put = await student.Http.PutAsJsonAsync("/api/v1/notifications",
            new { email = false, chat = new { url = chat, format = "discord" }, kinds = new[] { "batchDueSoon", "endpoint" } }, Ct);
        var settings = await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/notifications", Ct);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.False(settings.GetProperty("email").GetProperty("enabled").GetBoolean());
        Assert.Equal(chat, settings.GetProperty("chat").GetProperty("url").GetString());
        Assert.Equal("discord", settings.GetProperty("chat").GetProperty("format").GetString());
        Assert.Equal(["batchDueSoon", "endpoint"], settings.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
    }

    [Theory]
    [InlineData("http://10.1.2.3/hook", "private network")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "metadata")]
    [InlineData("ftp://hooks.example.org/x", "http or https")]
    [InlineData("not a url", "absolute")]
    public async Task Put_ChatUrlTheGuardRefuses_422NamesChatUrlAndNothingChanges(string url, string why)
    {
        using var student = await StudentAsync();

        var put = await student.Http.PutAsJsonAsync("/api/v1/notifications", new { email = false, chat = new { url }, kinds = Array.Empty<string>() }, Ct);
        var problem = await put.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var settings = await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/notifications", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, put.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        Assert.Contains(why, problem.GetProperty("errors").GetProperty("chat.url")[0].GetString(), StringComparison.Ordinal);
        Assert.True(settings.GetProperty("email").GetProperty("enabled").GetBoolean());
        Assert.Equal(7, settings.GetProperty("kinds").GetArrayLength());
    }

    [Fact]
    public async Task Put_UnknownKindsFormatAndNoEmail_EachNamedInOne422()
    {
        using var student = await StudentAsync();

        var put = await student.Http.PutAsJsonAsync("/api/v1/notifications",
            new { chat = new { url = "http://127.0.0.1:9/x", format = "irc" }, kinds = new[] { "batchOpened", "cohortDigest", "weather" } }, Ct);
        var errors = (await put.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, put.StatusCode);
        Assert.Equal(["chat.format", "email", "kinds[1]", "kinds[2]"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Put_MalformedJson_400()
    {
        using var student = await StudentAsync();

        var put = await student.Http.PutAsync("/api/v1/notifications", new StringContent("{\"email\": yes}", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_WithoutAToken_401()
    {
        using var anonymous = platform.Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/notifications", Ct)).StatusCode);
    }

    [Fact]
    public async Task OneClick_SignedToken_KindOffOnceAndTheSameAgainChangesNothing()
    {
        using var student = await StudentAsync();
        var token = await TokenAsync(student, NotificationKind.BatchMissed);
        using var anonymous = platform.Anonymous();

        var first = await anonymous.PostAsync($"/api/v1/unsubscribe?token={Uri.EscapeDataString(token)}", OneClick(), Ct);
        var again = await anonymous.PostAsync($"/api/v1/unsubscribe?token={Uri.EscapeDataString(token)}", OneClick(), Ct);
        var settings = await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/notifications", Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("batchMissed", true), (body.GetProperty("kind").GetString(), body.GetProperty("changed").GetBoolean()));
        Assert.False((await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("changed").GetBoolean());
        Assert.DoesNotContain("batchMissed", settings.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(6, settings.GetProperty("kinds").GetArrayLength());
    }

    [Fact]
    public async Task OneClick_ForgedOrChangedToken_422AndNothingChanges()
    {
        using var student = await StudentAsync();
        var genuine = await TokenAsync(student, NotificationKind.BatchOpened);
        var otherStudent = new UnsubscribeToken(student.CohortId, "someone-else", NotificationKind.BatchOpened).Sign(new byte[32]);
        var changed = otherStudent.Split('.')[0] + "." + genuine.Split('.')[1];
        using var anonymous = platform.Anonymous();

        var forged = await anonymous.PostAsync($"/api/v1/unsubscribe?token={Uri.EscapeDataString(otherStudent)}", OneClick(), Ct);
        var swapped = await anonymous.PostAsync($"/api/v1/unsubscribe?token={Uri.EscapeDataString(changed)}", OneClick(), Ct);
        var garbage = await anonymous.PostAsync("/api/v1/unsubscribe?token=abc", OneClick(), Ct);
        var settings = await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/notifications", Ct);

        Assert.All([forged, swapped, garbage], r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        Assert.True((await forged.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("token", out _));
        Assert.Equal(7, settings.GetProperty("kinds").GetArrayLength());
    }

    [Fact]
    public async Task OneClick_NotTheRfc8058Form_415Or422()
    {
        using var student = await StudentAsync();
        var token = Uri.EscapeDataString(await TokenAsync(student, NotificationKind.BatchOpened));
        using var anonymous = platform.Anonymous();

        var json = await anonymous.PostAsJsonAsync($"/api/v1/unsubscribe?token={token}", new { }, Ct);
        var wrongValue = await anonymous.PostAsync($"/api/v1/unsubscribe?token={token}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "Yes" }), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongValue.StatusCode);
    }

    [Fact]
    public async Task UnsubscribePage_GenuineLink_AsksThenConfirms()
    {
        using var student = await StudentAsync();
        var token = await TokenAsync(student, NotificationKind.GradeLevel);
        using var anonymous = platform.Anonymous();

        var page = await anonymous.GetStringAsync($"/unsubscribe?token={Uri.EscapeDataString(token)}", Ct);
        var bad = await anonymous.GetStringAsync("/unsubscribe?token=nope", Ct);
        var settings = await student.Http.GetFromJsonAsync<JsonElement>("/api/v1/notifications", Ct);

        Assert.Contains("Stop notifications of <strong>your grade level changing</strong>", page, StringComparison.Ordinal);
        Assert.Contains("not valid", bad, StringComparison.Ordinal);
        Assert.Contains("gradeLevel", settings.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task Announcement_Posted_202ThenEveryStudentReached()
    {
        var cohortId = await platform.CreateCohortAsync();
        await platform.EnrollAsync(cohortId, "ann-a", "ann-b", "ann-c");
        using var admin = platform.Admin();

        var post = await admin.PostAsJsonAsync($"/api/v1/admin/cohorts/{cohortId}/announcements",
            new { subject = "Lab moved", text = "The lab is on Friday." }, Ct);
        var list = await Eventually(async () => await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohortId}/announcements", Ct),
            l => l[0].GetProperty("completedAt").ValueKind != JsonValueKind.Null);

        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        Assert.Equal(1, (await post.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("seq").GetInt32());
        Assert.Equal(3, list[0].GetProperty("reached").GetInt32());
        Assert.Equal("Lab moved", list[0].GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Announcement_StudentsEventStreamOpen_AnnouncementEventArrives()
    {
        using var student = await StudentAsync();
        using var admin = platform.Admin();
        using var stream = await student.Http.GetStreamAsync("/api/v1/events", Ct);
        using var reader = new StreamReader(stream);
        Assert.Equal(": connected", await reader.ReadLineAsync(Ct));

        await admin.PostAsJsonAsync($"/api/v1/admin/cohorts/{student.CohortId}/announcements", new { subject = "Quiz", text = "A quiz on Monday." }, Ct);
        string? line;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while ((line = await reader.ReadLineAsync(deadline.Token)) is not null && line != "event: announcement")
        {
        }

        var data = await reader.ReadLineAsync(deadline.Token);

        Assert.Equal("event: announcement", line);
        var announcement = JsonDocument.Parse(data!["data: ".Length..]).RootElement;
        Assert.Equal((1, "Quiz", "A quiz on Monday."), (announcement.GetProperty("seq").GetInt32(),
            announcement.GetProperty("subject").GetString(), announcement.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Announcement_EmptyOrTooLongOrUnknownCohort_422Or404()
    {
        var cohortId = await platform.CreateCohortAsync();
        using var admin = platform.Admin();

        var bad = await admin.PostAsJsonAsync($"/api/v1/admin/cohorts/{cohortId}/announcements", new { subject = " ", text = new string('x', 5000) }, Ct);
        var missing = await admin.PostAsJsonAsync("/api/v1/admin/cohorts/c-000000000000/announcements", new { subject = "a", text = "b" }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(["subject", "text"], (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Alerts_PutThenGet_SettingsKeptAndDefaultsForWhatWasLeftOut()
    {
        var cohortId = await platform.CreateCohortAsync();
        using var admin = platform.Admin();

        var before = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohortId}/alerts", Ct);
        var put = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohortId}/alerts",
            new { contactEmail = "prof@example.edu", endpointsDownShare = 0.5, digestHourUtc = 18 }, Ct);
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohortId}/alerts", Ct);

        Assert.Equal(JsonValueKind.Null, before.GetProperty("contactEmail").ValueKind);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("prof@example.edu", after.GetProperty("contactEmail").GetString());
        Assert.Equal((0.5, 18, 4, true, true), (after.GetProperty("endpointsDownShare").GetDouble(), after.GetProperty("digestHourUtc").GetInt32(),
            after.GetProperty("minimumEndpoints").GetInt32(), after.GetProperty("dailyDigest").GetBoolean(), after.GetProperty("endpointAlerts").GetBoolean()));
    }

    [Fact]
    public async Task Alerts_BadValues_EachNamedInOne422()
    {
        var cohortId = await platform.CreateCohortAsync();
        using var admin = platform.Admin();

        var put = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohortId}/alerts",
            new { contactEmail = "prof at school", endpointsDownShare = 1.5, digestHourUtc = 24, minimumEndpoints = 0 }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, put.StatusCode);
        Assert.Equal(["contactEmail", "digestHourUtc", "endpointsDownShare", "minimumEndpoints"],
            (await put.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    private static FormUrlEncodedContent OneClick() => new(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" });

    /// <summary>The token a notification mail to <paramref name="student"/> about <paramref name="kind"/> carries.</summary>
    private async Task<string> TokenAsync(Student student, NotificationKind kind)
    {
        var key = await platform.Services.GetRequiredService<IGrainFactory>().GetGrain<ICohortNotificationsGrain>(student.CohortId).GetSigningKeyAsync();
        return new UnsubscribeToken(student.CohortId, student.Id, kind).Sign(key.AsSpan());
    }

    private async Task<Student> StudentAsync()
    {
        var cohortId = await platform.CreateCohortAsync();
        var id = "s" + Guid.NewGuid().ToString("N")[..8];
        var tokens = await platform.EnrollAsync(cohortId, id);
        return new Student(cohortId, id, platform.Student(tokens[0]));
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done) =>
        await PPipe.TestSupport.Eventually.ReturnsAsync(read, done, "the expected answer", cancellationToken: Ct);

    private sealed record Student(string CohortId, string Id, HttpClient Http) : IDisposable
    {
        public void Dispose() => Http.Dispose();
    }
}
