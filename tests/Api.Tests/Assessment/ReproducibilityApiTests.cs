using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PPipe.Api.Tests.Infrastructure;

namespace PPipe.Api.Tests.Assessment;

/// <summary>
/// Batches resubmitted under a model version over real HTTP, and the reproducibility criterion they feed. Cohorts run a
/// scenario day a minute and started half a day ago: batch 1 (5 rows) is open for nine days more.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReproducibilityApiTests(ApiPlatform platform)
{
    private const string Spec = """
        template: taxi-fares
        duration: 20d
        batches: {first: 0d, cadence: 10d, rows: 5, dueAfter: 9d, labelDelay: 12h, submissionLimit: 10}
        endpoint: {enabled: false}
        grading: {criteria: {batchQuality: 1, reproducibility: 1}}
        """;

    private static readonly TimeSpan StartedAgo = TimeSpan.FromDays(0.5) / 1440;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GradeAndGradesCsv_BatchResubmittedUnderOneVersion_ShareMatchedAndTheMismatchNamed()
    {
        var (student, cohortId) = await StudentAsync();
        using var _ = student;
        using var admin = platform.Admin();
        var ids = await BatchIdsAsync(student);

        foreach (var (version, changed) in ((string, bool)[])[("v1", false), ("v1", false), ("v1", true), ("v2", true), ("v2", true)])
        {
            var body = new { predictions = ids.Select((id, i) => new { id, prediction = changed && i == 2 ? 30.0 : 12.5 + i }), model = new { version, trainedThrough = 0 } };
            Assert.Equal(HttpStatusCode.Accepted, (await student.PostAsJsonAsync("/api/v1/batches/1/predictions", body, Ct)).StatusCode);
        }

        var grade = await student.GetFromJsonAsync<JsonElement>("/api/v1/grade", Ct);
        var csv = await admin.GetStringAsync($"/api/v1/admin/cohorts/{cohortId}/grades.csv", Ct);

        var criterion = grade.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "reproducibility");
        Assert.Equal(2 / 3.0, criterion.GetProperty("score").GetDouble(), 4);
        Assert.StartsWith("2 of 3 checks gave the same predictions: 2 of 3 resubmissions matched. " +
            "Resubmission of batch 1 on day 1 under version v1: 1 of 5 predictions differ.", criterion.GetProperty("feedback").GetString(), StringComparison.Ordinal);
        Assert.Contains("reproducibilityScore,reproducibilityLevel,reproducibilityFeedback", csv.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains("Resubmission of batch 1 on day 1 under version v1: 1 of 5 predictions differ.", csv, StringComparison.Ordinal);
    }

    private static async Task<List<string>> BatchIdsAsync(HttpClient student)
    {
        var features = await student.GetStringAsync("/api/v1/batches/1/features.csv", Ct);
        return [.. features.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).Distinct()];
    }

    private async Task<(HttpClient Student, string CohortId)> StudentAsync()
    {
        using var admin = platform.Admin();
        var upload = await admin.PostAsync("/api/v1/admin/scenarios", new StringContent(Spec, Encoding.UTF8, "application/yaml"), Ct);
        upload.EnsureSuccessStatusCode();
        var scenarioId = (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var cohortId = await platform.CreateCohortAsync(scenarioId, StartedAgo);
        var tokens = await platform.EnrollAsync(cohortId, "s" + Guid.NewGuid().ToString("N")[..8]);
        return (platform.Student(tokens[0]), cohortId);
    }
}
