using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PPipe.Grains.Assessment;
using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;
using static PPipe.Grains.Tests.Enrollments.TestEnrollments;

namespace PPipe.Grains.Tests.Assessment;

/// <summary>
/// Reproducibility through the enrollment grain, on the cluster's clock (a scenario day is a wall second): probes of a real
/// endpoint on loopback every 2 h from day 1, replays among them, and batches resubmitted under a version.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class EnrollmentReproducibilityTests(ClusterFixture fixture)
{
    private const double Speed = 86_400;

    /// <summary>Probe slots 0 to 35, at 1d + 2h × slot; no batches.</summary>
    private const string ProbedSpec = """
        template: taxi-fares
        duration: 4d
        batches: {enabled: false}
        endpoint: {from: 1d, probeInterval: 2h}
        drift: []
        quirks: []
        grading: {criteria: {acquisition: 1, reproducibility: 1}}
        """;

    /// <summary>Batch n opens at n days with 500 rows, due 12 h later, three submissions each; no endpoint.</summary>
    private const string BatchSpec = """
        template: taxi-fares
        duration: 4d
        endpoint: {enabled: false}
        drift: []
        quirks: []
        grading: {criteria: {acquisition: 1, reproducibility: 1}}
        """;

    private const int Slots = 36;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reproducibility_ProbeReplays_DeterministicEndpointScoresFull_NoisyOneIsCaughtWithTheMismatchNamed()
    {
        await using var steady = await ModelEndpoint.StartAsync(Ct);
        await using var noisy = await ModelEndpoint.StartAsync(Ct);
        steady.Answer = Model(noise: false);
        noisy.Answer = Model(noise: true);
        var startsAt = fixture.Clock.UtcNow + Lead;
        var (reproducible, _) = await EnrollAsync(fixture.Client, ProbedSpec, startsAt, Speed);
        var (random, _) = await EnrollAsync(fixture.Client, ProbedSpec, startsAt, Speed);
        await reproducible.SetEndpointAsync(steady.Url.ToString());
        await random.SetEndpointAsync(noisy.Url.ToString());

        await ProbeEverySlotAsync(startsAt, reproducible, random);
        var replayed = await ReplaysDrawnAsync(reproducible);
        var caught = await ReplaysDrawnAsync(random);
        var full = await GradeWhenAsync(reproducible, $"{replayed} of {replayed} checks");
        var zero = await GradeWhenAsync(random, $"0 of {caught} checks");

        Assert.InRange(replayed, 5, 6);
        Assert.Equal(1 + Slots + replayed, steady.Hits);
        Assert.Equal(1, full.Score);
        Assert.Equal($"{replayed} of {replayed} checks gave the same predictions: {replayed} of {replayed} probe replays matched.", full.Feedback);
        Assert.InRange(caught, 5, 6);
        Assert.Equal(0, zero.Score);
        Assert.StartsWith($"0 of {caught} checks gave the same predictions: 0 of {caught} probe replays matched. Probe replay on day ", zero.Feedback, StringComparison.Ordinal);
        Assert.Matches(@"Probe replay on day [234] under version v1: 20 of 20 predictions differ\.", zero.Feedback);
        Assert.EndsWith("Load the model once, fix every random seed, predict without sampling or dropout, and give every retrained model a new version.", zero.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reproducibility_RetrainedUnderANewVersion_ReplaysCheckTheNewVersionAgainstItsOwnFirstAnswer()
    {
        await using var endpoint = await ModelEndpoint.StartAsync(Ct);
        endpoint.Answer = Model(noise: false);
        var startsAt = fixture.Clock.UtcNow + Lead;
        var (enrollment, _) = await EnrollAsync(fixture.Client, ProbedSpec, startsAt, Speed);
        await enrollment.SetEndpointAsync(endpoint.Url.ToString());

        // Retrained after slot 11: another model, named v2, answers from slot 12 on, which becomes the reference. A replay
        // follows its slot's probe once that is recorded, so the one after slot 11 (if drawn) may still be on its way when
        // the probe is seen: v1 must have answered it before v2 takes over, or v2's answer to it is rightly not a check.
        var seed = (await enrollment.GetAsync())!.Seed;
        var beforeRetraining = Enumerable.Range(1, 11).Count(slot => ProbeReplays.IsDrawn(seed, slot));
        await ProbeEverySlotAsync(startsAt, async slot =>
        {
            if (slot == 12)
            {
                await GradeWhenAsync(enrollment, $"{beforeRetraining} of {FeedbackText.Count(beforeRetraining, "probe replay", "probe replays")} matched");
                endpoint.Answer = Model(noise: false, "v2", perKm: 2.4);
            }
        }, enrollment);
        var checks = Enumerable.Range(1, Slots - 1).Count(slot => slot != 12 && ProbeReplays.IsDrawn(seed, slot));
        var grade = await GradeWhenAsync(enrollment, $"{checks} of {checks} checks");

        Assert.InRange(checks, 4, 6);
        Assert.Equal(1, grade.Score);
    }

    [Fact]
    public async Task Reproducibility_NotInTheRubric_NoReplaySent()
    {
        await using var endpoint = await ModelEndpoint.StartAsync(Ct);
        endpoint.Answer = Model(noise: false);
        var startsAt = fixture.Clock.UtcNow + Lead;
        var (enrollment, _) = await EnrollAsync(fixture.Client, ProbedSpec.Replace("acquisition: 1, reproducibility: 1", "acquisition: 1", StringComparison.Ordinal), startsAt, Speed);
        await enrollment.SetEndpointAsync(endpoint.Url.ToString());

        await ProbeEverySlotAsync(startsAt, enrollment);

        Assert.Equal(1 + Slots, endpoint.Hits);
    }

    [Fact]
    public async Task Reproducibility_Resubmissions_SameVersionComparedChangedVersionNot()
    {
        var startsAt = fixture.Clock.UtcNow + Lead;
        var (enrollment, _) = await EnrollAsync(fixture.Client, BatchSpec, startsAt, Speed);
        double[] first = [.. Enumerable.Range(0, 500).Select(i => 10.0 + i)];
        double[] tweaked = [.. first];
        tweaked[7] += 0.5;

        await fixture.AdvanceToAsync(At(startsAt, 1.1));
        await SubmitAsync(enrollment, 1, first, "v1");
        await SubmitAsync(enrollment, 1, first, "v1");
        await SubmitAsync(enrollment, 1, tweaked, "v1");
        var early = await GradeAsync(enrollment);
        await fixture.AdvanceToAsync(At(startsAt, 2.1));
        await SubmitAsync(enrollment, 2, first, "v1");
        await SubmitAsync(enrollment, 2, tweaked, "v2");
        await SubmitAsync(enrollment, 2, tweaked, "v2");
        var judged = await GradeAsync(enrollment);

        Assert.Null(early.Score);
        Assert.Equal("Judged from 3 checks on; 2 checks were made so far: 1 of 2 resubmissions matched. " +
            "Resubmission of batch 1 on day 2 under version v1: 1 of 500 predictions differ.", early.Feedback);
        Assert.Equal(Math.Round(2 / 3.0, 4), judged.Score);
        Assert.StartsWith("2 of 3 checks gave the same predictions: 2 of 3 resubmissions matched. " +
            "Resubmission of batch 1 on day 2 under version v1: 1 of 500 predictions differ.", judged.Feedback, StringComparison.Ordinal);
    }

    /// <summary>
    /// A model whose prediction is a function of the trip's distance and duration, naming itself <paramref name="version"/>;
    /// with noise, a random amount is added to each prediction on every call, under the same version.
    /// </summary>
    private static Func<HttpContext, byte[], Task> Model(bool noise, string version = "v1", double perKm = 1.8) => (context, body) =>
    {
        var predictions = JsonDocument.Parse(body).RootElement.GetProperty("instances").EnumerateArray()
            .Select(row => 3 + perKm * Number(row, "distance_km") + 0.3 * Number(row, "duration_min") + (noise ? Random.Shared.NextDouble() : 0))
            .ToList();
        return ModelEndpoint.WriteJsonAsync(context, JsonSerializer.Serialize(new { predictions, model = new { version, trainedThrough = 1 } }));
    };

    private static double Number(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;

    /// <summary>Moves the clock to each probe slot in turn, and on once the enrollments have recorded its probe.</summary>
    private Task ProbeEverySlotAsync(DateTimeOffset startsAt, params IEnrollmentGrain[] enrollments) =>
        ProbeEverySlotAsync(startsAt, _ => Task.CompletedTask, enrollments);

    /// <summary>Moves the clock to each probe slot in turn (doing <paramref name="before"/> first), and on once the enrollments have recorded its probe.</summary>
    private async Task ProbeEverySlotAsync(DateTimeOffset startsAt, Func<int, Task> before, params IEnrollmentGrain[] enrollments)
    {
        for (var slot = 0; slot < Slots; slot++)
        {
            await before(slot);
            // A millisecond after the slot (86 s of scenario time), so rounding to the clock's ticks never lands before it.
            await fixture.AdvanceToAsync(At(startsAt, 1 + slot / 12.0) + TimeSpan.FromMilliseconds(1));
            foreach (var enrollment in enrollments)
            {
                await Eventually.ReturnsAsync(async () => string.Join(", ", (await enrollment.GetProbesAsync(3)).Select(p => $"slot {p.Slot}: {p.Error ?? "ok"}")),
                    probes => probes.StartsWith($"slot {slot}: ", StringComparison.Ordinal), $"slot {slot} probed and recorded", cancellationToken: Ct);
            }
        }
    }

    /// <summary>The replays the enrollment's seed draws after slot 0, whose probe under v1 is the one replayed.</summary>
    private static async Task<int> ReplaysDrawnAsync(IEnrollmentGrain enrollment)
    {
        var seed = (await enrollment.GetAsync())!.Seed;
        return Enumerable.Range(1, Slots - 1).Count(slot => ProbeReplays.IsDrawn(seed, slot));
    }

    private static Task<CriterionGrade> GradeWhenAsync(IEnrollmentGrain enrollment, string text) =>
        Eventually.ReturnsAsync(() => GradeAsync(enrollment), grade => grade.Feedback.Contains(text, StringComparison.Ordinal),
            $"the reproducibility feedback to say \"{text}\"", cancellationToken: Ct);

    private static async Task SubmitAsync(IEnrollmentGrain enrollment, int seq, double[] predictions, string version) =>
        Assert.Equal(SubmissionStatus.Accepted,
            (await enrollment.SubmitPredictionsAsync(seq, new BatchSubmission(predictions, null, new ModelStamp(version, 1, null)))).Status);

    private static async Task<CriterionGrade> GradeAsync(IEnrollmentGrain enrollment) =>
        (await enrollment.GetGradeAsync()).Criteria.Single(c => c.Name == "reproducibility");

    private static DateTimeOffset At(DateTimeOffset startsAt, double days) => startsAt + TimeSpan.FromDays(days) / Speed;
}
