using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PPipe.Api.Tests.Infrastructure;

namespace PPipe.Api.Tests.Surveys;

/// <summary>
/// The end-of-cohort course feedback over HTTP: attached like the other surveys with a checked window, answered by students
/// through the survey routes with the same 409 and 422 rules, and aggregated for the instructor as counts per option and
/// rating and a paged list of the free-text answers.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CourseFeedbackApiTests(ApiPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Feedback_StudentsAnswer_InstructorSeesCountsAndTheirCommentsNewestFirst()
    {
        var (cohort, students) = await CohortWithFeedbackAsync("fa", "fb", "fc", "fd");
        using var admin = platform.Admin();

        var list = await students[0].GetFromJsonAsync<JsonElement>("/api/v1/surveys", Ct);
        var first = await SubmitAsync(students[0], new { helped = new[] { 0, 3 }, clarity = 4, unclear = "  The drift came too early.  " });
        await SubmitAsync(students[1], new { helped = new[] { 3 }, clarity = 2 });
        await SubmitAsync(students[2], new { helped = new[] { 5 }, clarity = 4, unclear = "More on monitoring" });
        var again = await SubmitAsync(students[0], new { helped = new[] { 1 }, clarity = 1 });
        var feedback = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/surveys/feedback", Ct);
        var settings = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/surveys", Ct);

        Assert.Contains(list.GetProperty("surveys").EnumerateArray(), s => s.GetProperty("kind").GetString() == "feedback"
            && s.GetProperty("instrumentId").GetString() == "course-feedback" && s.GetProperty("status").GetString() == "open");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal((4, 3), (feedback.GetProperty("enrolled").GetInt32(), feedback.GetProperty("submitted").GetInt32()));
        var items = feedback.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("itemId").GetString()!);
        Assert.Equal([1, 0, 0, 2, 0, 1, 0, 0], Counts(items["helped"]));
        Assert.Equal([0, 1, 0, 2, 0], Counts(items["clarity"]));
        Assert.Equal("4 Mostly clear", items["clarity"].GetProperty("labels")[3].GetString());
        Assert.Equal(2, feedback.GetProperty("totalComments").GetInt32());
        Assert.Equal(["More on monitoring", "The drift came too early."],
            feedback.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("text").GetString()));
        Assert.Equal(3, settings.GetProperty("responses").GetProperty("feedbackSubmitted").GetInt32());
        Assert.Equal("course-feedback", settings.GetProperty("feedback").GetProperty("instrumentId").GetString());
    }

    [Fact]
    public async Task Feedback_BadAnswers_422NamesEachFieldAndNothingIsStored()
    {
        var (cohort, students) = await CohortWithFeedbackAsync("fe");
        using var admin = platform.Admin();

        var response = await SubmitAsync(students[0], new { helped = new[] { 8 }, clarity = 9 });
        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var feedback = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/surveys/feedback", Ct);

        Assert.True(problem.GetProperty("errors").TryGetProperty("answers.helped", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("answers.clarity", out _));
        Assert.Equal(0, feedback.GetProperty("submitted").GetInt32());
    }

    [Fact]
    public async Task Feedback_CommentsPaged_EachOnceAcrossPages()
    {
        var (cohort, students) = await CohortWithFeedbackAsync("fg", "fh", "fi");
        using var admin = platform.Admin();
        for (var i = 0; i < students.Count; i++)
        {
            await SubmitAsync(students[i], new { helped = new[] { 0 }, clarity = 3, unclear = $"Comment {i}" });
        }

        var pages = new List<string?>();
        for (var page = 1; page <= 3; page++)
        {
            var body = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/surveys/feedback?page={page}&pageSize=1", Ct);
            pages.AddRange(body.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("text").GetString()));
        }

        var beyond = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/surveys/feedback?page=4&pageSize=1", Ct);
        var tooBig = await admin.GetAsync($"/api/v1/admin/cohorts/{cohort}/surveys/feedback?pageSize=101", Ct);

        Assert.Equal(["Comment 0", "Comment 1", "Comment 2"], pages.Order());
        Assert.Empty(beyond.GetProperty("comments").EnumerateArray());
        await AssertProblemAsync(tooBig, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Feedback_UnknownCohortOrNoneAttachedOrClosingBeforeTheStart_Problems()
    {
        var bare = await platform.CreateCohortAsync(startedAgo: TimeSpan.FromDays(-2));
        using var admin = platform.Admin();
        var startsAt = DateTimeOffset.UtcNow.AddDays(2);

        var unknown = await admin.GetAsync("/api/v1/admin/cohorts/nope-0000/surveys/feedback", Ct);
        var none = await admin.GetAsync($"/api/v1/admin/cohorts/{bare}/surveys/feedback", Ct);
        var early = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{bare}/surveys", new
        {
            feedback = new { instrumentId = "course-feedback", version = 1, opensAt = startsAt.AddDays(-3), closesAt = startsAt.AddDays(-1) },
        }, Ct);
        var settings = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{bare}/surveys", Ct);

        await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal("feedback", (await AssertProblemAsync(none, HttpStatusCode.Conflict)).GetProperty("field").GetString());
        Assert.True((await AssertProblemAsync(early, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("feedback.closesAt", out _));
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("feedback").ValueKind);
    }

    /// <summary>A cohort started now whose students are enrolled, with the built-in course feedback open since a minute ago.</summary>
    private async Task<(string Cohort, List<HttpClient> Students)> CohortWithFeedbackAsync(params string[] ids)
    {
        var cohort = await platform.CreateCohortAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var tokens = await platform.EnrollAsync(cohort, [.. ids.Select(id => id + suffix)]);
        using var admin = platform.Admin();
        var now = DateTimeOffset.UtcNow;
        var response = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/surveys", new
        {
            feedback = new { instrumentId = "course-feedback", version = 1, opensAt = now.AddMinutes(-1), closesAt = now.AddMinutes(30) },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (cohort, [.. tokens.Select(platform.Student)]);
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient student, object answers) =>
        student.PostAsJsonAsync("/api/v1/surveys/feedback/submit", new { answers }, Ct);

    private static List<int> Counts(JsonElement item) => [.. item.GetProperty("counts").EnumerateArray().Select(c => c.GetInt32())];

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}
