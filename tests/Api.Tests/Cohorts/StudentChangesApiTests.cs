using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PPipe.Api.Tests.Infrastructure;

namespace PPipe.Api.Tests.Cohorts;

/// <summary>
/// An instructor's script re-issuing, removing and resetting one student over HTTP: what the student's program then
/// gets, what the roster, the summary and the grades export say, and the 404s and 409s around them.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class StudentChangesApiTests(ApiPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReissueToken_EnrolledStudent_OldTokenAndBucketKeysRefusedNewOnesShownOnMe()
    {
        var cohort = await platform.CreateCohortAsync();
        var old = (await platform.EnrollAsync(cohort, "re-1"))[0];
        using var oldStudent = platform.Student(old);
        var oldBucket = (await oldStudent.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct)).GetProperty("bucket");
        using var admin = platform.Admin();

        var reissue = await admin.PostAsync($"/api/v1/admin/cohorts/{cohort}/students/re-1/token", null, Ct);
        var token = (await reissue.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
        var oldAgain = await oldStudent.GetAsync("/api/v1/me", Ct);
        using var newStudent = platform.Student(token);
        var newBucket = (await newStudent.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct)).GetProperty("bucket");

        Assert.Equal(HttpStatusCode.OK, reissue.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldAgain.StatusCode);
        Assert.Equal(oldBucket.GetProperty("bucket").GetString(), newBucket.GetProperty("bucket").GetString());
        Assert.NotEqual(oldBucket.GetProperty("accessKeyId").GetString(), newBucket.GetProperty("accessKeyId").GetString());
        Assert.NotEqual(oldBucket.GetProperty("secretAccessKey").GetString(), newBucket.GetProperty("secretAccessKey").GetString());
    }

    [Fact]
    public async Task Remove_EnrolledStudent_TokenRefusedAtOnceCountedNowhereAndGradesSayRemoved()
    {
        var cohort = await platform.CreateCohortAsync();
        var tokens = await platform.EnrollAsync(cohort, "rm-1", "rm-2");
        using var student = platform.Student(tokens[0]);
        Assert.Equal(HttpStatusCode.OK, (await student.GetAsync("/api/v1/releases", Ct)).StatusCode); // cached by this front end now
        using var admin = platform.Admin();

        var removed = await admin.DeleteAsync($"/api/v1/admin/cohorts/{cohort}/students/rm-1", Ct);
        var afterwards = await student.GetAsync("/api/v1/releases", Ct);
        var body = await removed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var roster = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/students", Ct);
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/students/rm-1", Ct);
        var cohortView = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}", Ct);
        var grades = (await admin.GetStringAsync($"/api/v1/admin/cohorts/{cohort}/grades.csv", Ct)).Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal("rm-1", body.GetProperty("studentId").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
        var statuses = roster.GetProperty("students").EnumerateArray().ToDictionary(s => s.GetProperty("studentId").GetString()!, s => s.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["rm-1"] = "removed", ["rm-2"] = "enrolled" }, statuses);
        Assert.Equal("removed", detail.GetProperty("status").GetString());
        Assert.Equal(body.GetProperty("removedAt").GetDateTimeOffset(), detail.GetProperty("removedAt").GetDateTimeOffset());
        Assert.Equal(1, cohortView.GetProperty("enrolled").GetInt32());
        Assert.EndsWith(",status", grades[0]);
        Assert.Equal(3, grades.Length);
        Assert.EndsWith(",removed", Assert.Single(grades, l => l.StartsWith("rm-1,", StringComparison.Ordinal)));
        Assert.EndsWith(",enrolled", Assert.Single(grades, l => l.StartsWith("rm-2,", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Remove_Twice_409WithWhenAndUnknownCohortOrStudent404()
    {
        var cohort = await platform.CreateCohortAsync();
        await platform.EnrollAsync(cohort, "rm-twice");
        using var admin = platform.Admin();
        await admin.DeleteAsync($"/api/v1/admin/cohorts/{cohort}/students/rm-twice", Ct);

        var again = await admin.DeleteAsync($"/api/v1/admin/cohorts/{cohort}/students/rm-twice", Ct);
        var noStudent = await admin.DeleteAsync($"/api/v1/admin/cohorts/{cohort}/students/nobody", Ct);
        var noCohort = await admin.DeleteAsync("/api/v1/admin/cohorts/c-000000000000/students/rm-twice", Ct);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Contains("was removed from this cohort", await again.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, noStudent.StatusCode);
        Assert.Contains("There is no student 'nobody'", await noStudent.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, noCohort.StatusCode);
        Assert.Contains("There is no cohort 'c-000000000000'", await noCohort.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task RemovedStudent_ReissueResetAndExtension409AndTheRosterAgain422NamingTheRow()
    {
        var cohort = await platform.CreateCohortAsync();
        await platform.EnrollAsync(cohort, "rm-gone");
        using var admin = platform.Admin();
        await admin.DeleteAsync($"/api/v1/admin/cohorts/{cohort}/students/rm-gone", Ct);

        var reissue = await admin.PostAsync($"/api/v1/admin/cohorts/{cohort}/students/rm-gone/token", null, Ct);
        var reset = await admin.PostAsync($"/api/v1/admin/cohorts/{cohort}/students/rm-gone/reset", null, Ct);
        var extension = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/students/rm-gone/extension", new { extension = "1d" }, Ct);
        var roster = await admin.PostAsync($"/api/v1/admin/cohorts/{cohort}/enrollments",
            new StringContent("studentId,name,email\nrm-new,Student rm-new,rm-new@example.org\nrm-gone,Student rm-gone,rm-gone@example.org\n",
                System.Text.Encoding.UTF8, "text/csv"), Ct);
        var problem = await roster.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var students = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/students", Ct);

        Assert.Equal(HttpStatusCode.Conflict, reissue.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, extension.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, roster.StatusCode);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, error.GetProperty("row").GetInt32());
        Assert.Contains("was removed from this cohort", error.GetProperty("message").GetString());
        Assert.Equal(["rm-gone"], students.GetProperty("students").EnumerateArray().Select(s => s.GetProperty("studentId").GetString()));
    }

    [Fact]
    public async Task Reset_StudentWhoFetched_FetchesGoneTokenKeptAndUnknown404()
    {
        var cohort = await platform.CreateCohortAsync(startedAgo: TimeSpan.FromMinutes(2));
        var token = (await platform.EnrollAsync(cohort, "reset-1"))[0];
        using var student = platform.Student(token);
        Assert.Equal(HttpStatusCode.OK, (await student.GetAsync("/api/v1/releases/1.csv", Ct)).StatusCode);
        using var admin = platform.Admin();
        var before = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/students/reset-1", Ct);

        var reset = await admin.PostAsync($"/api/v1/admin/cohorts/{cohort}/students/reset-1/reset", null, Ct);
        var body = await reset.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/students/reset-1", Ct);
        var me = await student.GetAsync("/api/v1/me", Ct);
        var noStudent = await admin.PostAsync($"/api/v1/admin/cohorts/{cohort}/students/nobody/reset", null, Ct);
        var noCohort = await admin.PostAsync("/api/v1/admin/cohorts/c-000000000000/students/reset-1/reset", null, Ct);

        Assert.Equal(1, before.GetProperty("fetched").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Empty(after.GetProperty("fetched").EnumerateArray());
        Assert.Equal(body.GetProperty("resetAt").GetDateTimeOffset(), after.GetProperty("progressResetAt").GetDateTimeOffset());
        Assert.Equal("enrolled", after.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noStudent.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noCohort.StatusCode);
    }

    [Fact]
    public async Task EventStream_TokenReissued_TheOpenStreamEnds()
    {
        var cohort = await platform.CreateCohortAsync();
        var token = (await platform.EnrollAsync(cohort, "sse-1"))[0];
        using var student = platform.Student(token);
        using var stream = await student.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(Ct));
        var first = await reader.ReadLineAsync(Ct);
        using var admin = platform.Admin();

        var reissue = await admin.PostAsync($"/api/v1/admin/cohorts/{cohort}/students/sse-1/token", null, Ct);
        var ended = reader.ReadToEndAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(": connected", first);
        Assert.Equal(HttpStatusCode.OK, reissue.StatusCode);
        await ended; // times out unless the server ends the stream
    }
}
