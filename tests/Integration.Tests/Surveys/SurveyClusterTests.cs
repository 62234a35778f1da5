using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PPipe.Integration.Tests.Infrastructure;
using PPipe.Scenarios.Surveys;
using PPipe.TestSupport;
using static PPipe.Integration.Tests.Infrastructure.ClusterHosts;

namespace PPipe.Integration.Tests.Surveys;

/// <summary>
/// Surveys in cluster mode as an operator runs it: three PPipe.Silo processes and a front end connected as a client, on real
/// PostgreSQL. Students answer the pre-survey and give or refuse consent, two silos are killed, and on the cluster that is
/// left they answer the post-survey as it opens; the analytics then show the change per competence with its interval, and the
/// research export holds the consenting students only, under pseudonyms.
/// </summary>
public sealed class SurveyClusterTests
{
    private const int StudentCount = 6;

    /// <summary>How long the pre-survey stays open after it is attached: time for every student to answer it.</summary>
    private static readonly TimeSpan PreWindow = TimeSpan.FromSeconds(45);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Surveys_AnsweredAcrossSiloKills_AnalyticsAndResearchExportFromPostgres()
    {
        await using var cluster = await ThreeSiloCluster.StartAsync("surveys");
        var platform = cluster.Address;
        using var admin = cluster.Admin();

        var (cohort, tokens) = await CreateCohortAsync(admin);
        var now = DateTimeOffset.UtcNow;
        var attached = await admin.PutAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/surveys", new
        {
            pre = new { instrumentId = "mlops-skills", version = 1, opensAt = now.AddMinutes(-1), closesAt = now + PreWindow },
            post = new { instrumentId = "mlops-skills", version = 1, opensAt = now + PreWindow, closesAt = now.AddHours(2) },
        }, Ct);
        Assert.True(attached.StatusCode == HttpStatusCode.OK, await attached.Content.ReadAsStringAsync(Ct));
        for (var i = 0; i < StudentCount; i++)
        {
            using var student = Student(platform, tokens[i]);
            var pre = await student.PostAsJsonAsync("/api/v1/surveys/pre/submit", new { answers = Answers(PreRating) }, Ct);
            Assert.True(pre.StatusCode == HttpStatusCode.OK, await pre.Content.ReadAsStringAsync(Ct));
            Assert.Equal(HttpStatusCode.OK, (await student.PutAsJsonAsync("/api/v1/consent", new { given = Consents(i) }, Ct)).StatusCode);
        }

        await cluster.Silos[0].KillAsync();
        await cluster.Silos[1].KillAsync();
        await using var siloD = await StartSiloAsync(cluster.Settings, "silo-d");
        for (var i = 0; i < StudentCount; i++)
        {
            using var student = Student(platform, tokens[i]);
            await Eventually.ReturnsAsync(() => student.GetFromJsonAsync<JsonElement>("/api/v1/surveys", Ct),
                surveys => surveys.GetProperty("surveys").EnumerateArray().Any(s => s.GetProperty("kind").GetString() == "post" && s.GetProperty("status").GetString() == "open"),
                "the post-survey to open on the cluster left", HostStartTimeout + PreWindow, Ct);
            var post = await Eventually.ReturnsAsync(() => student.PostAsJsonAsync("/api/v1/surveys/post/submit", new { answers = Answers(PostRating(i)) }, Ct),
                response => response.StatusCode != HttpStatusCode.ServiceUnavailable, "the post-survey submission to be answered", HostStartTimeout, Ct);
            Assert.True(post.StatusCode == HttpStatusCode.OK, await post.Content.ReadAsStringAsync(Ct));
        }

        var analytics = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/surveys/analytics", Ct);
        var export = await admin.GetByteArrayAsync($"/api/v1/admin/cohorts/{cohort}/research-export?format=csv", Ct);

        var responses = analytics.GetProperty("responses");
        Assert.Equal((StudentCount, StudentCount), (responses.GetProperty("enrolled").GetInt32(), responses.GetProperty("both").GetInt32()));
        var serving = Assert.Single(analytics.GetProperty("competences").EnumerateArray(), c => c.GetProperty("id").GetString() == "serving");
        var expected = SurveyStatistics.Paired([.. Enumerable.Range(0, StudentCount).Select(_ => (double)PreRating)],
            [.. Enumerable.Range(0, StudentCount).Select(i => (double)PostRating(i))]);
        Assert.Equal(expected.MeanChange!.Value, serving.GetProperty("meanChange").GetDouble(), 9);
        Assert.Equal(expected.Low!.Value, serving.GetProperty("low").GetDouble(), 9);
        Assert.Equal(expected.High!.Value, serving.GetProperty("high").GetDouble(), 9);

        var files = Unzip(export);
        var consenting = Enumerable.Range(0, StudentCount).Count(Consents);
        var answerRows = Lines(files["survey_answers.csv"]).Skip(1).ToList();
        Assert.Equal(consenting * 2 * RequiredItems.Count, answerRows.Count);
        Assert.Equal(consenting, answerRows.Select(r => r[..r.IndexOf(',', StringComparison.Ordinal)]).Distinct().Count());
        Assert.All(files, file => Assert.All(Enumerable.Range(0, StudentCount),
            i => Assert.DoesNotContain(StudentId(cohort, i), Encoding.UTF8.GetString(file.Value), StringComparison.Ordinal)));
    }

    private static IReadOnlyList<SurveyItem> RequiredItems { get; } =
        [.. BuiltInInstruments.MlopsSkills.Sections.SelectMany(s => s.Items).Where(i => i.Required)];

    private static bool Consents(int i) => i % 2 == 0;

    /// <summary>Every student rates every competence 2 before.</summary>
    private const int PreRating = 2;

    /// <summary>Every self-rating rises by one for even students and by two for odd ones.</summary>
    private static int PostRating(int i) => 3 + i % 2;

    /// <summary>Every required item: the rating given for self-ratings, the answer key for knowledge questions.</summary>
    private static Dictionary<string, object> Answers(int rating) => RequiredItems.ToDictionary(i => i.Id, i => i.Kind switch
    {
        SurveyItemKind.Likert => rating,
        SurveyItemKind.Single => (object)i.Key[0],
        _ => i.Key.ToArray(),
    });

    private static string StudentId(string cohort, int i) => $"sv{cohort[^6..]}-{i}";

    private static async Task<(string Cohort, string[] Tokens)> CreateCohortAsync(HttpClient admin)
    {
        var created = await admin.PostAsJsonAsync("/api/v1/admin/cohorts", new
        {
            name = "Surveys on a cluster",
            scenarioId = "taxi-fares",
            version = 1,
            startsAt = DateTimeOffset.UtcNow.AddSeconds(5),
            speed = 1,
        }, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var cohort = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var enrolled = await admin.PostAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/enrollments",
            Enumerable.Range(0, StudentCount).Select(i => new { studentId = StudentId(cohort, i), name = $"Student {i}", email = $"{StudentId(cohort, i)}@example.org" }), Ct);
        Assert.True(enrolled.StatusCode == HttpStatusCode.OK, await enrolled.Content.ReadAsStringAsync(Ct));
        var tokens = (await enrolled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("students").EnumerateArray()
            .ToDictionary(s => s.GetProperty("studentId").GetString()!, s => s.GetProperty("token").GetString()!);
        return (cohort, [.. Enumerable.Range(0, StudentCount).Select(i => tokens[StudentId(cohort, i)])]);
    }

    private static HttpClient Student(Uri platform, string token)
    {
        var client = new HttpClient { BaseAddress = platform };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Dictionary<string, byte[]> Unzip(byte[] export)
    {
        using var zip = new ZipArchive(new MemoryStream(export), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    private static IEnumerable<string> Lines(byte[] csv) =>
        Encoding.UTF8.GetString(csv).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'));
}
