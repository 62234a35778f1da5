using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PPipe.Api.Tests.Infrastructure;
using PPipe.Grains.Client.Research;
using PPipe.Grains.Interfaces.Research;
using PPipe.Scenarios.Surveys;

namespace PPipe.Api.Tests.Research;

/// <summary>
/// A cohort for research exports, made through the public API: started three scenario days ago (two batches are due), the
/// pre-survey open, and students who answer and choose on consent as each test says.
/// </summary>
public sealed class ResearchCohort(ApiPlatform platform, string id)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Id { get; } = id;

    /// <summary>The free-text item of the built-in instrument that students answer here.</summary>
    public static readonly string TextItem = BuiltInInstruments.MlopsSkills.Sections.SelectMany(s => s.Items).First(i => i.Kind == SurveyItemKind.Text).Id;

    /// <summary>Every required item of the built-in instrument, and one free-text answer.</summary>
    public static Dictionary<string, object> Answers()
    {
        var answers = BuiltInInstruments.MlopsSkills.Sections.SelectMany(s => s.Items).Where(i => i.Required).ToDictionary(i => i.Id, i => i.Kind switch
        {
            SurveyItemKind.Likert => 4,
            SurveyItemKind.Single => (object)1,
            _ => new[] { 1, 0 },
        });
        answers[TextItem] = "More labs on drift, please";
        return answers;
    }

    public static int AnswerCount => Answers().Count;

    public static async Task<ResearchCohort> CreateAsync(ApiPlatform platform)
    {
        var id = await platform.CreateCohortAsync(startedAgo: TimeSpan.FromMinutes(3));
        using var admin = platform.Admin();
        var now = DateTimeOffset.UtcNow;
        var response = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{id}/surveys", new
        {
            pre = new { instrumentId = "mlops-skills", version = 1, opensAt = now.AddMinutes(-1), closesAt = now.AddMinutes(9) },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new ResearchCohort(platform, id);
    }

    /// <summary>Enrolls a student who submits the pre-survey (when <paramref name="answers"/>) and then sets each consent in turn.</summary>
    public async Task AddAsync(string studentId, bool answers, params bool[] consents)
    {
        var token = (await platform.EnrollAsync(Id, studentId))[0];
        using var student = platform.Student(token);
        if (answers)
        {
            var submitted = await student.PostAsJsonAsync("/api/v1/surveys/pre/submit", new { answers = Answers() }, Ct);
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        foreach (var given in consents)
        {
            Assert.Equal(HttpStatusCode.OK, (await student.PutAsJsonAsync("/api/v1/consent", new { given }, Ct)).StatusCode);
        }
    }

    public async Task RemoveAsync(string studentId)
    {
        using var admin = platform.Admin();
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/admin/cohorts/{Id}/students/{studentId}", Ct)).StatusCode);
    }

    /// <summary>The export through the admin API, its entries read whole.</summary>
    public async Task<Dictionary<string, byte[]>> ExportAsync(string format = "csv", string? study = null)
    {
        using var admin = platform.Admin();
        using var response = await admin.GetAsync($"/api/v1/admin/cohorts/{Id}/research-export?format={format}" + (study is null ? "" : "&study=" + study), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResearchEndpointsZip, response.Content.Headers.ContentType?.MediaType);
        return await EntriesAsync(await response.Content.ReadAsByteArrayAsync(Ct));
    }

    public const string ResearchEndpointsZip = "application/zip";

    public static async Task<Dictionary<string, byte[]>> EntriesAsync(byte[] zipBytes)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            await using var stream = await entry.OpenAsync(Ct);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            entries[entry.FullName] = copy.ToArray();
        }

        return entries;
    }

    /// <summary>The pseudonym a student has in a study (the cohort's own when null), from the study's stored secret.</summary>
    public async Task<string> PseudonymAsync(string studentId, string? study = null)
    {
        var grains = platform.Services.GetRequiredService<IGrainFactory>();
        var secret = await grains.GetGrain<IStudyKeyGrain>(study is null ? IStudyKeyGrain.KeyOfCohort(Id) : IStudyKeyGrain.KeyOfStudy(study)).GetSecretAsync();
        return new Pseudonyms(secret.AsSpan()).Of(studentId);
    }

    /// <summary>A CSV entry's header and rows.</summary>
    public static (string[] Header, List<Dictionary<string, string>> Rows) Csv(byte[] bytes)
    {
        using var reader = new CsvHelper.CsvReader(new StreamReader(new MemoryStream(bytes), Encoding.UTF8), System.Globalization.CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        var header = reader.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(header.ToDictionary(h => h, h => reader.GetField(h)!));
        }

        return (header, rows);
    }
}
