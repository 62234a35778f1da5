using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PPipe.Grains.Client.Research;
using PPipe.Integration.Tests.Cohorts;
using PPipe.Scenarios.Surveys;

namespace PPipe.Integration.Tests.Research;

/// <summary>
/// The research export as a researcher opens it: every CSV file read with pandas (Debian's python3-pandas), with the columns
/// the data dictionary documents, the types pandas infers for them, and the consenting student's rows only.
/// </summary>
public sealed class ResearchExportPandasTests(EmbeddedPlatform platform) : IClassFixture<EmbeddedPlatform>
{
    private const string Python = "/usr/bin/python3";

    // Reads every CSV of the folder with pandas and prints, per file, its columns, dtypes, row count and distinct pseudonyms.
    private const string Reader = """
        import json, pathlib, sys
        import pandas as pd
        out = {}
        for path in sorted(pathlib.Path(sys.argv[1]).glob('*.csv')):
            frame = pd.read_csv(path)
            out[path.name] = {
                'columns': list(frame.columns),
                'dtypes': {c: str(t) for c, t in frame.dtypes.items()},
                'rows': len(frame),
                'pseudonyms': sorted(frame['pseudonym'].astype(str).unique()) if 'pseudonym' in frame else [],
            }
        print(json.dumps(out))
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_Csv_OpensInPandasWithTheDocumentedColumnsAndOnlyTheConsentingStudent()
    {
        using var admin = Admin();
        var cohort = await CreateCohortAsync(admin);
        var run = Guid.NewGuid().ToString("N")[..6];
        await AddStudentAsync(admin, cohort, $"rx{run}-yes", consent: true);
        await AddStudentAsync(admin, cohort, $"rx{run}-no", consent: false);
        var folder = Directory.CreateTempSubdirectory("ppipe-research-pandas-");
        try
        {
            using (var response = await admin.GetAsync($"/api/v1/admin/cohorts/{cohort}/research-export?format=csv", Ct))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                await using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(Ct), ZipArchiveMode.Read);
                await zip.ExtractToDirectoryAsync(folder.FullName, Ct);
            }

            var files = await ReadWithPandasAsync(folder.FullName);

            Assert.Equal(["daily_activity.csv", "data_dictionary.csv", "grades.csv", "survey_answers.csv"], files.EnumerateObject().Select(p => p.Name));
            foreach (var table in ResearchTables.Data.Append(ResearchTables.Dictionary))
            {
                var file = files.GetProperty(table.FileName(ResearchFormat.Csv));
                Assert.Equal(table.Columns.Select(c => c.Name), file.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
            }

            var answers = files.GetProperty("survey_answers.csv");
            Assert.Equal(BuiltInInstruments.MlopsSkills.Sections.SelectMany(s => s.Items).Count(i => i.Required), answers.GetProperty("rows").GetInt32());
            Assert.Equal("int64", answers.GetProperty("dtypes").GetProperty("version").GetString());
            var pseudonym = Assert.Single(answers.GetProperty("pseudonyms").EnumerateArray()).GetString();
            Assert.Matches("^[0-9a-f]{16}$", pseudonym);
            var grades = files.GetProperty("grades.csv");
            Assert.Equal([pseudonym], grades.GetProperty("pseudonyms").EnumerateArray().Select(p => p.GetString()));
            Assert.Equal("float64", grades.GetProperty("dtypes").GetProperty("weight").GetString());
            var activity = files.GetProperty("daily_activity.csv");
            Assert.Equal([pseudonym], activity.GetProperty("pseudonyms").EnumerateArray().Select(p => p.GetString()));
            Assert.Equal("int64", activity.GetProperty("dtypes").GetProperty("day").GetString());
            Assert.Equal("int64", activity.GetProperty("dtypes").GetProperty("batches_due").GetString());
            Assert.Equal(ResearchTables.Data.Sum(t => t.Columns.Length) + ResearchTables.Dictionary.Columns.Length,
                files.GetProperty("data_dictionary.csv").GetProperty("rows").GetInt32());
            Assert.True(File.Exists(Path.Combine(folder.FullName, ResearchTables.ScenarioFile)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<JsonElement> ReadWithPandasAsync(string folder)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Reader);
        info.ArgumentList.Add(folder);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var errors = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"pandas could not read the export: {await errors}");
        return JsonDocument.Parse(await output).RootElement;
    }

    private async Task<string> CreateCohortAsync(HttpClient admin)
    {
        var created = await admin.PostAsJsonAsync("/api/v1/admin/cohorts", new
        {
            name = "Research export",
            scenarioId = "card-fraud",
            version = 1,
            startsAt = DateTimeOffset.UtcNow.AddMinutes(-3),
            speed = 1440,
        }, Ct);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var now = DateTimeOffset.UtcNow;
        var surveys = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{id}/surveys", new
        {
            pre = new { instrumentId = "mlops-skills", version = 1, opensAt = now.AddMinutes(-1), closesAt = now.AddMinutes(9) },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, surveys.StatusCode);
        return id;
    }

    /// <summary>Enrolls a student who submits every required item of the pre-survey and gives or refuses consent.</summary>
    private async Task AddStudentAsync(HttpClient admin, string cohort, string studentId, bool consent)
    {
        var enrolled = await admin.PostAsync($"/api/v1/admin/cohorts/{cohort}/enrollments",
            new StringContent($"studentId,name,email\n{studentId},Student {studentId},{studentId}@example.org\n", Encoding.UTF8, "text/csv"), Ct);
        enrolled.EnsureSuccessStatusCode();
        var token = (await enrolled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("students")[0].GetProperty("token").GetString()!;
        using var student = Client(token);
        var answers = BuiltInInstruments.MlopsSkills.Sections.SelectMany(s => s.Items).Where(i => i.Required).ToDictionary(i => i.Id, i => i.Kind switch
        {
            SurveyItemKind.Likert => 2,
            SurveyItemKind.Single => (object)0,
            _ => new[] { 0 },
        });
        Assert.Equal(HttpStatusCode.OK, (await student.PostAsJsonAsync("/api/v1/surveys/pre/submit", new { answers }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await student.PutAsJsonAsync("/api/v1/consent", new { given = consent }, Ct)).StatusCode);
    }

    private HttpClient Admin() => Client(EmbeddedPlatform.AdminKey);

    private HttpClient Client(string token)
    {
        var http = new HttpClient { BaseAddress = platform.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
