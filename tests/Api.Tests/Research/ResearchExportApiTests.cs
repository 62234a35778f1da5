using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Parquet;
using PPipe.Api.Tests.Infrastructure;
using PPipe.Frontend.Accounts;
using PPipe.Grains.Client.Research;
using PPipe.Grains.Interfaces.Accounts;

namespace PPipe.Api.Tests.Research;

/// <summary>
/// The research export over HTTP: only students who consent when it runs and are still enrolled, under pseudonyms of the study
/// that stay the same across exports and cohorts of one study and differ in another; no student id, name or e-mail in any file;
/// the same columns in CSV and Parquet as the data dictionary says; and every refusal a problem with nothing exported.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class ResearchExportApiTests(ApiPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Files = ["survey_answers.csv", "grades.csv", "daily_activity.csv", "scenario.yaml", "data_dictionary.csv"];

    [Fact]
    public async Task Export_Csv_HoldsOnlyStudentsWhoConsentNowAndAreEnrolled()
    {
        var cohort = await ResearchCohort.CreateAsync(platform);
        var ids = Ids("yes", "no", "withdrew", "removed", "silent", "undecided");
        await cohort.AddAsync(ids[0], answers: true, true);
        await cohort.AddAsync(ids[1], answers: true, false);
        await cohort.AddAsync(ids[2], answers: true, true, false);
        await cohort.AddAsync(ids[3], answers: true, true);
        await cohort.AddAsync(ids[4], answers: false, true);
        await cohort.AddAsync(ids[5], answers: true);
        await cohort.RemoveAsync(ids[3]);

        var files = await cohort.ExportAsync();

        var yes = await cohort.PseudonymAsync(ids[0]);
        var silent = await cohort.PseudonymAsync(ids[4]);
        Assert.Equal(Files, files.Keys);
        var answers = ResearchCohort.Csv(files["survey_answers.csv"]);
        Assert.Equal(ResearchTables.SurveyAnswers.Columns.Select(c => c.Name), answers.Header);
        Assert.Equal(ResearchCohort.AnswerCount, answers.Rows.Count);
        Assert.All(answers.Rows, r => Assert.Equal((yes, "pre", "mlops-skills", "1"), (r["pseudonym"], r["survey"], r["instrument"], r["version"])));
        Assert.Equal("More labs on drift, please", answers.Rows.Single(r => r["item"] == ResearchCohort.TextItem)["answer"]);
        Assert.All(answers.Rows.Where(r => r["kind"] is "likert" or "text"), r => Assert.Equal("", r["correct"]));
        Assert.All(answers.Rows.Where(r => r["kind"] is "single" or "multiple"), r => Assert.Contains(r["correct"], (string[])["true", "false"]));
        Assert.All(answers.Rows.Where(r => r["kind"] == "multiple"), r => Assert.Equal("0;1", r["answer"]));
        var grades = ResearchCohort.Csv(files["grades.csv"]);
        Assert.Equal(ResearchTables.Grades.Columns.Select(c => c.Name), grades.Header);
        Assert.Equal(new[] { silent, yes }.Order(), grades.Rows.Where(r => r["criterion"] == "overall").Select(r => r["pseudonym"]).Order());
        var activity = ResearchCohort.Csv(files["daily_activity.csv"]);
        Assert.Equal(ResearchTables.DailyActivity.Columns.Select(c => c.Name), activity.Header);
        Assert.Equal(new[] { silent, yes }.Order(), activity.Rows.Select(r => r["pseudonym"]).Distinct().Order());
        Assert.All(activity.Rows, r => Assert.Equal("0", r["fetches"]));
        Assert.Equal(2, activity.Rows.Where(r => r["pseudonym"] == yes).Sum(r => int.Parse(r["batches_due"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("card-fraud", Encoding.UTF8.GetString(files["scenario.yaml"]), StringComparison.Ordinal);
        AssertNoStudentIdentity(files, ids);
    }

    [Fact]
    public async Task Export_DataDictionary_ListsEveryColumnOfEveryFileWithItsType()
    {
        var cohort = await ResearchCohort.CreateAsync(platform);

        var csv = ResearchCohort.Csv((await cohort.ExportAsync())["data_dictionary.csv"]);
        var parquet = ResearchCohort.Csv((await cohort.ExportAsync("parquet"))["data_dictionary.csv"]);

        Assert.Equal(ResearchTables.Dictionary.Columns.Select(c => c.Name), csv.Header);
        Assert.Equal(
            ResearchTables.Data.SelectMany(t => t.Columns.Select(c => (t.Name + ".csv", c.Name, c.Type.ToString().ToLowerInvariant())))
                .Concat(ResearchTables.Dictionary.Columns.Select(c => ("data_dictionary.csv", c.Name, c.Type.ToString().ToLowerInvariant()))),
            csv.Rows.Select(r => (r["file"], r["column"], r["type"])));
        Assert.Contains(parquet.Rows, r => r["file"] == "survey_answers.parquet" && r["column"] == "correct" && r["type"] == "boolean" && r["nullable"] == "true");
        Assert.All(csv.Rows, r => Assert.False(string.IsNullOrWhiteSpace(r["meaning"])));
    }

    [Fact]
    public async Task Export_SameStudy_SamePseudonymAcrossExportsAndCohorts_AnotherStudyOrTheCohortsOwnDiffers()
    {
        var first = await ResearchCohort.CreateAsync(platform);
        var second = await ResearchCohort.CreateAsync(platform);
        var student = Ids("shared")[0];
        var study = "study-" + Guid.NewGuid().ToString("N")[..8];
        await first.AddAsync(student, answers: false, true);
        await second.AddAsync(student, answers: false, true);

        var once = Pseudonym(await first.ExportAsync(study: study));
        var again = Pseudonym(await first.ExportAsync(study: study));
        var otherCohort = Pseudonym(await second.ExportAsync(study: study));
        var otherStudy = Pseudonym(await first.ExportAsync(study: study + "-b"));
        var ownFirst = Pseudonym(await first.ExportAsync());
        var ownSecond = Pseudonym(await second.ExportAsync());

        Assert.Equal(await first.PseudonymAsync(student, study), once);
        Assert.Matches("^[0-9a-f]{16}$", once);
        Assert.Equal(once, again);
        Assert.Equal(once, otherCohort);
        Assert.Equal(4, new[] { once, otherStudy, ownFirst, ownSecond }.Distinct().Count());
    }

    [Fact]
    public async Task Export_Parquet_ReadsBackWithTheSameColumnsAndRowsAsTheCsv()
    {
        var cohort = await ResearchCohort.CreateAsync(platform);
        var ids = Ids("a", "b");
        await cohort.AddAsync(ids[0], answers: true, true);
        await cohort.AddAsync(ids[1], answers: true, true);

        var csv = await cohort.ExportAsync();
        var parquet = await cohort.ExportAsync("parquet");

        Assert.Equal(["survey_answers.parquet", "grades.parquet", "daily_activity.parquet", "scenario.yaml", "data_dictionary.csv"], parquet.Keys);
        foreach (var table in ResearchTables.Data)
        {
            var expected = ResearchCohort.Csv(csv[table.FileName(ResearchFormat.Csv)]);
            await using var reader = await ParquetReader.CreateAsync(new MemoryStream(parquet[table.FileName(ResearchFormat.Parquet)]), cancellationToken: Ct);
            Assert.Equal(table.Columns.Select(c => c.Name), reader.Schema.DataFields.Select(f => f.Name));
            var pseudonyms = new List<string>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                var group = reader.OpenRowGroupReader(g);
                var values = new string[group.RowCount];
                await group.ReadAsync(reader.Schema.DataFields[0], values, cancellationToken: Ct);
                pseudonyms.AddRange(values);
            }

            Assert.Equal(expected.Rows.Select(r => r["pseudonym"]), pseudonyms);
        }

        var answers = await ReadColumnAsync<int>(parquet["survey_answers.parquet"], "version");
        Assert.All(answers, v => Assert.Equal(1, v));
        AssertNoStudentIdentity(parquet, ids);
    }

    [Fact]
    public async Task Export_NoStudentConsents_AValidZipWithHeadersOnly()
    {
        var cohort = await ResearchCohort.CreateAsync(platform);
        await cohort.AddAsync(Ids("refuses")[0], answers: true, false);

        var csv = await cohort.ExportAsync();
        var parquet = await cohort.ExportAsync("parquet");

        foreach (var table in ResearchTables.Data)
        {
            var read = ResearchCohort.Csv(csv[table.FileName(ResearchFormat.Csv)]);
            Assert.Equal(table.Columns.Select(c => c.Name), read.Header);
            Assert.Empty(read.Rows);
            await using var reader = await ParquetReader.CreateAsync(new MemoryStream(parquet[table.FileName(ResearchFormat.Parquet)]), cancellationToken: Ct);
            Assert.Equal(table.Columns.Select(c => c.Name), reader.Schema.DataFields.Select(f => f.Name));
            Assert.Equal(0, reader.RowGroupCount);
        }
    }

    [Theory]
    [InlineData("format=xlsx", "format")]
    [InlineData("format=CSV", "format")]
    [InlineData("study=Not%20A%20Study", "study")]
    [InlineData("study=-leading-dash", "study")]
    public async Task Export_BadQuery_400NamingTheField(string query, string field)
    {
        var cohort = await ResearchCohort.CreateAsync(platform);
        using var admin = platform.Admin();

        var response = await admin.GetAsync($"/api/v1/admin/cohorts/{cohort.Id}/research-export?{query}", Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Export_UnknownCohort_404Problem()
    {
        using var admin = platform.Admin();

        var response = await admin.GetAsync("/api/v1/admin/cohorts/no-such-cohort/research-export", Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("no-such-cohort", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_InstructorAccount_OnlyTheCohortsWhoseStaffListsIt()
    {
        var taught = await ResearchCohort.CreateAsync(platform);
        var other = await ResearchCohort.CreateAsync(platform);
        await taught.AddAsync(Ids("taught")[0], answers: true, true);
        var userName = "teacher-" + Guid.NewGuid().ToString("N")[..8];
        const string password = "research-export-password";
        Assert.Null(await platform.Services.GetRequiredService<AccountService>().CreateAsync(userName, "Teacher", password, [AccountRoles.Instructor]));
        using var admin = platform.Admin();
        var listed = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{taught.Id}/staff", new { staff = new[] { userName.ToUpperInvariant() } }, Ct);
        using var browser = await SignInAsync(userName, password);

        var allowed = await browser.GetAsync($"/cohorts/{taught.Id}/research-export?format=csv", Ct);
        var refused = await browser.GetAsync($"/cohorts/{other.Id}/research-export?format=csv", Ct);
        var missing = await browser.GetAsync("/cohorts/no-such-cohort/research-export", Ct);

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var files = await ResearchCohort.EntriesAsync(await allowed.Content.ReadAsByteArrayAsync(Ct));
        Assert.Single(ResearchCohort.Csv(files["grades.csv"]).Rows, r => r["criterion"] == "overall");
        var problem = await AssertProblemAsync(refused, HttpStatusCode.Forbidden);
        Assert.Contains(other.Id, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SetStaff_UnknownAccount_422NamesTheEntryAndNothingChanges()
    {
        var cohort = await ResearchCohort.CreateAsync(platform);
        var userName = "staff-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Null(await platform.Services.GetRequiredService<AccountService>().CreateAsync(userName, "", "research-export-password", [AccountRoles.Instructor]));
        using var admin = platform.Admin();
        await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort.Id}/staff", new { staff = new[] { userName } }, Ct);

        var bad = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort.Id}/staff", new { staff = new[] { userName, "nobody-here" } }, Ct);
        var unknownCohort = await admin.PutAsJsonAsync("/api/v1/admin/cohorts/no-such-cohort/staff", new { staff = Array.Empty<string>() }, Ct);
        var staff = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort.Id}/staff", Ct);

        var problem = await AssertProblemAsync(bad, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["staff[1]"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        await AssertProblemAsync(unknownCohort, HttpStatusCode.NotFound);
        Assert.Equal([userName], staff.GetProperty("staff").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task SetStaff_MalformedOrMissingList_400Or422AndNothingChanges()
    {
        var cohort = await ResearchCohort.CreateAsync(platform);
        var userName = "staff-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Null(await platform.Services.GetRequiredService<AccountService>().CreateAsync(userName, "", "research-export-password", [AccountRoles.Instructor]));
        using var admin = platform.Admin();
        await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort.Id}/staff", new { staff = new[] { userName } }, Ct);

        using var malformedBody = new StringContent("{\"staff\": [", System.Text.Encoding.UTF8, "application/json");
        var malformed = await admin.PutAsync($"/api/v1/admin/cohorts/{cohort.Id}/staff", malformedBody, Ct);
        var wrongType = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort.Id}/staff", new { staff = "not-a-list" }, Ct);
        var missing = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort.Id}/staff", new { }, Ct);
        var staff = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort.Id}/staff", Ct);

        var syntax = await AssertProblemAsync(malformed, HttpStatusCode.BadRequest);
        Assert.Equal(["body"], syntax.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var type = await AssertProblemAsync(wrongType, HttpStatusCode.BadRequest);
        Assert.Equal(["staff"], type.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var required = await AssertProblemAsync(missing, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["staff"], required.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal([userName], staff.GetProperty("staff").EnumerateArray().Select(s => s.GetString()));
    }

    /// <summary>Fresh student ids: letters outside hex, so no pseudonym can contain one by chance.</summary>
    private static string[] Ids(params string[] names)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        return [.. names.Select(n => $"rx{run}-{n}")];
    }

    private static string Pseudonym(Dictionary<string, byte[]> files) =>
        ResearchCohort.Csv(files["grades.csv"]).Rows.Select(r => r["pseudonym"]).Distinct().Single();

    private static void AssertNoStudentIdentity(Dictionary<string, byte[]> files, string[] ids)
    {
        foreach (var (name, bytes) in files)
        {
            var text = Encoding.UTF8.GetString(bytes);
            Assert.All(ids, id => Assert.DoesNotContain(id, text, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("@example.org", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Student rx", text, StringComparison.Ordinal);
        }
    }

    private static async Task<T[]> ReadColumnAsync<T>(byte[] file, string column) where T : struct
    {
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(file), cancellationToken: Ct);
        var field = reader.Schema.DataFields.Single(f => f.Name == column);
        var values = new List<T>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var group = reader.OpenRowGroupReader(g);
            var read = new T?[group.RowCount];
            await group.ReadAsync<T>(field, read, cancellationToken: Ct);
            values.AddRange(read.Select(v => v!.Value));
        }

        return [.. values];
    }

    /// <summary>Signs in to the UI as a browser does: the form's antiforgery token, then the post; answers a client with the cookie.</summary>
    private async Task<HttpClient> SignInAsync(string userName, string password)
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = platform.BaseAddress };
        var form = await browser.GetStringAsync("/signin", Ct);
        var signedIn = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "instructor",
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value,
            ["Instructor.UserName"] = userName,
            ["Instructor.Password"] = password,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
