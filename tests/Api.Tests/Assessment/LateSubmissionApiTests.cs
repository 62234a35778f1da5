using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PPipe.Api.Tests.Infrastructure;

namespace PPipe.Api.Tests.Assessment;

/// <summary>
/// Late work over real HTTP under energy-demand's late policy, a 20% penalty without a cutoff, at a scenario day a
/// minute: batch 1 opens at 0d, is due at 1d and its labels are downloadable from 2d. Late work is taken until then,
/// never after: the labels could be submitted as predictions.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LateSubmissionApiTests(ApiPlatform platform)
{
    private const string Spec = """
        template: energy-demand
        batches: {first: 0d, cadence: 5d, rows: 5, dueAfter: 1d, labelDelay: 1d, submissionLimit: 3, late: {policy: penalty, penalty: 0.2}}
        """;

    private static readonly TimeSpan ScenarioDay = TimeSpan.FromMinutes(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_AfterTheDueTimeBeforeTheLabelsAreOut_AcceptedLate()
    {
        // Batch 1 was due half a day (30 s) ago; its labels come out in half a day.
        using var student = await StudentAsync(ScenarioDay * 1.5);

        var labels = await student.GetAsync("/api/v1/batches/1/labels.csv", Ct);
        var response = await student.PostAsync("/api/v1/batches/1/predictions", await PredictionsAsync(student), Ct);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.NotFound, labels.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(receipt.GetProperty("late").GetBoolean());
        Assert.Equal(1, (await BatchAsync(student)).GetProperty("submissions").GetInt32());
    }

    [Fact]
    public async Task Submit_TheLabelsOnceTheyAreDownloadable_409TheBatchIsClosedAndNothingRecorded()
    {
        // Batch 1 was due a day and a half ago; its labels came out half a day (30 s) ago.
        using var student = await StudentAsync(ScenarioDay * 2.5);
        var labels = await student.GetAsync("/api/v1/batches/1/labels.csv", Ct);
        var lines = (await labels.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var copied = "id,prediction\n" + string.Concat(lines.Skip(1).Select(l => l + "\n"));

        var response = await student.PostAsync("/api/v1/batches/1/predictions", new StringContent(copied, Encoding.UTF8, "text/csv"), Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var batch = await BatchAsync(student);

        Assert.Equal(HttpStatusCode.OK, labels.StatusCode);
        Assert.StartsWith("id,", lines[0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The batch is closed.", problem.GetProperty("title").GetString());
        Assert.StartsWith("Batch 1 takes no more work: its labels were revealed at ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, problem.GetProperty("remaining").GetInt32());
        Assert.Equal("3", response.Headers.GetValues("X-Submissions-Remaining").Single());
        Assert.Equal((0, false), (batch.GetProperty("submissions").GetInt32(), batch.GetProperty("late").GetBoolean()));
    }

    private static async Task<JsonElement> BatchAsync(HttpClient student) =>
        (await student.GetFromJsonAsync<JsonElement>("/api/v1/batches", Ct)).EnumerateArray().Single(b => b.GetProperty("seq").GetInt32() == 1);

    private static async Task<StringContent> PredictionsAsync(HttpClient student)
    {
        var features = await student.GetStringAsync("/api/v1/batches/1/features.csv", Ct);
        var ids = features.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).Distinct();
        return new StringContent("id,prediction\n" + string.Concat(ids.Select(id => $"{id},300\n")), Encoding.UTF8, "text/csv");
    }

    private async Task<HttpClient> StudentAsync(TimeSpan startedAgo)
    {
        using var admin = platform.Admin();
        var upload = await admin.PostAsync("/api/v1/admin/scenarios", new StringContent(Spec, Encoding.UTF8, "application/yaml"), Ct);
        upload.EnsureSuccessStatusCode();
        var scenarioId = (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var cohortId = await platform.CreateCohortAsync(scenarioId, startedAgo);
        var tokens = await platform.EnrollAsync(cohortId, "s" + Guid.NewGuid().ToString("N")[..8]);
        return platform.Student(tokens[0]);
    }
}
