using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PPipe.Api.Tests.Infrastructure;

namespace PPipe.Api.Tests.Cohorts;

/// <summary>What an instructor's script can do that the instructors' UI does: list, page, drill down, grade.</summary>
[Collection(ApiCollection.Name)]
public sealed class AdminCohortApiTests(ApiPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListCohorts_PageOfOne_NewestFirstWithTheTotal()
    {
        var older = await platform.CreateCohortAsync();
        var newer = await platform.CreateCohortAsync();
        using var admin = platform.Admin();

        var first = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/cohorts?page=1&pageSize=1", Ct);
        var second = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/cohorts?page=2&pageSize=1", Ct);

        Assert.Equal(newer, first.GetProperty("cohorts")[0].GetProperty("id").GetString());
        Assert.Equal(older, second.GetProperty("cohorts")[0].GetProperty("id").GetString());
        Assert.True(first.GetProperty("total").GetInt32() >= 2);
        Assert.Equal("running", first.GetProperty("cohorts")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task ListCohorts_PageSizeOverTheBound_422NamesPageSize()
    {
        using var admin = platform.Admin();

        var response = await admin.GetAsync("/api/v1/admin/cohorts?pageSize=100000", Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _));
    }

    [Fact]
    public async Task ListScenarios_AfterAnUpload_ListsItWithItsLatestVersion()
    {
        using var admin = platform.Admin();
        var upload = await admin.PostAsync("/api/v1/admin/scenarios", new StringContent("template: taxi-fares", Encoding.UTF8, "application/yaml"), Ct);
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        await admin.PostAsync($"/api/v1/admin/scenarios/{id}/versions", new StringContent("template: taxi-fares", Encoding.UTF8, "application/yaml"), Ct);

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/scenarios?pageSize=100", Ct);
        var versions = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/scenarios/{id}", Ct);

        var entry = Assert.Single(list.GetProperty("scenarios").EnumerateArray(), s => s.GetProperty("id").GetString() == id);
        Assert.Equal(2, entry.GetProperty("latestVersion").GetInt32());
        Assert.Equal([1, 2], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Students_PagedByCursor_EveryStudentOnceThenNoCursor()
    {
        var cohort = await platform.CreateCohortAsync();
        string[] ids = [.. Enumerable.Range(1, 7).Select(i => $"paged-{i}")];
        await platform.EnrollAsync(cohort, ids);
        using var admin = platform.Admin();

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>(
                $"/api/v1/admin/cohorts/{cohort}/students?pageSize=3" + (cursor is null ? "" : "&cursor=" + cursor), Ct);
            seen.AddRange(page.GetProperty("students").EnumerateArray().Select(s => s.GetProperty("studentId").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task ReissueToken_UnknownCohortOrStudent_404NamingWhichIsMissing()
    {
        var cohort = await platform.CreateCohortAsync();
        await platform.EnrollAsync(cohort, "reissue-1");
        using var admin = platform.Admin();

        var noCohort = await admin.PostAsync("/api/v1/admin/cohorts/c-000000000000/students/reissue-1/token", null, Ct);
        var noStudent = await admin.PostAsync($"/api/v1/admin/cohorts/{cohort}/students/nobody/token", null, Ct);
        var reissued = await admin.PostAsync($"/api/v1/admin/cohorts/{cohort}/students/reissue-1/token", null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, noCohort.StatusCode);
        Assert.Contains("There is no cohort 'c-000000000000'", await noCohort.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, noStudent.StatusCode);
        Assert.Contains("There is no student 'nobody'", await noStudent.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, reissued.StatusCode);
    }

    [Fact]
    public async Task Student_Enrolled_TimelineAndGrade()
    {
        var cohort = await platform.CreateCohortAsync("card-fraud", startedAgo: TimeSpan.FromMinutes(2));
        var tokens = await platform.EnrollAsync(cohort, "drill-1");
        using var student = platform.Student(tokens[0]);
        (await student.GetAsync("/api/v1/releases/1.csv", Ct)).EnsureSuccessStatusCode();
        using var admin = platform.Admin();

        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/students/drill-1", Ct);
        var grade = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/students/drill-1/grade", Ct);

        var fetch = Assert.Single(detail.GetProperty("fetched").EnumerateArray());
        Assert.Equal((1, "api"), (fetch.GetProperty("seq").GetInt32(), fetch.GetProperty("channel").GetString()));
        Assert.Contains(detail.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "fetch");
        Assert.Equal("unregistered", detail.GetProperty("endpoint").GetProperty("status").GetString());
        Assert.True(grade.GetProperty("criteria").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Student_UnknownStudentOrCohort_404Problem()
    {
        var cohort = await platform.CreateCohortAsync();
        using var admin = platform.Admin();

        var student = await admin.GetAsync($"/api/v1/admin/cohorts/{cohort}/students/nobody", Ct);
        var grade = await admin.GetAsync($"/api/v1/admin/cohorts/{cohort}/students/nobody/grade", Ct);
        var roster = await admin.GetAsync("/api/v1/admin/cohorts/c-nope/students", Ct);

        Assert.All([student, grade, roster], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.All([student, grade, roster], r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task Enroll_StudentListedTwice_422NamesTheRowAndEnrollsNobody()
    {
        var cohort = await platform.CreateCohortAsync();
        using var admin = platform.Admin();
        var roster = "studentId,name,email\ntwice,First,\nonce,Other,\ntwice,Second,\n";

        var response = await admin.PostAsync($"/api/v1/admin/cohorts/{cohort}/enrollments", new StringContent(roster, Encoding.UTF8, "text/csv"), Ct);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        var students = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/students", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single(errors.EnumerateArray());
        Assert.Equal((3, "studentId"), (error.GetProperty("row").GetInt32(), error.GetProperty("field").GetString()));
        Assert.Equal(0, students.GetProperty("students").GetArrayLength());
    }
}
