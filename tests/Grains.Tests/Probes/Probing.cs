using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Outbound;
using PPipe.Grains.Probes;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Scenarios;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Spec;
using PPipe.Scenarios.Templates;
using PPipe.Grains.Client.Scenarios;
using PPipe.Grains.Client.Outbound;

namespace PPipe.Grains.Tests.Probes;

/// <summary>What the probe tests share: clients on loopback, jobs, scenarios and the answers a perfect model gives.</summary>
internal static class Probing
{
    public const ulong Seed = 42;

    public static readonly DateTimeOffset CohortStart = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Fast settings for tests (no wait before the retry), changed as the test needs.</summary>
    public static ProbeOptions FastOptions(Action<ProbeOptions>? change = null)
    {
        var options = new ProbeOptions { RetryDelay = TimeSpan.Zero };
        change?.Invoke(options);
        return options;
    }

    /// <summary>
    /// A client on its own guarded outbound pool. Templates are resolved without the grain factory, which the
    /// catalog only needs for uploaded scenarios.
    /// </summary>
    public static ProbeClient Client(OutboundHttp outbound, ProbeOptions? options = null, TimeProvider? time = null) =>
        new(outbound, new ScenarioCatalog(grains: null!), Options.Create(options ?? FastOptions()), time ?? TimeProvider.System, NullLogger<ProbeClient>.Instance);

    public static OutboundHttp Outbound(bool allowLoopback = true) =>
        new(Options.Create(new OutboundOptions { AllowLoopback = allowLoopback }), NullLogger<OutboundHttp>.Instance);

    public static Scenario Template(string id) => ScenarioTemplates.Get(id).Scenario;

    /// <summary>A scenario from a spec; fails the test when the spec does not validate.</summary>
    public static Scenario Read(string spec)
    {
        var read = ScenarioSpecReader.Read(spec);
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        return read.Scenario!;
    }

    public static ProbeJob Job(Uri url, string scenarioId = "taxi-fares", long slot = 3, TimeSpan scenarioAt = default, string student = "s1") =>
        new(new EnrollmentKey("probe-tests", student), url.ToString(), scenarioId, 1, Seed, CohortStart, slot, scenarioAt);

    public static IReadOnlyList<RowTruth> Truths(Scenario scenario, long slot) =>
        new ScenarioGenerator(scenario, Seed, CohortStart).ProbeTruth(slot);

    /// <summary>What a model that knows the true concept answers: the oracle of each row, as a label where the metric scores labels.</summary>
    public static string OracleAnswer(Scenario scenario, long slot)
    {
        var oracle = Truths(scenario, slot).Select(t => t.Oracle).ToArray();
        return scenario.Task.IsNumeric() || scenario.Metric.NeedsProbability()
            ? JsonSerializer.Serialize(new { predictions = oracle })
            : JsonSerializer.Serialize(new { predictions = oracle.Select(o => scenario.Target.Classes[(int)o]) });
    }

    /// <summary>A valid answer for a regression probe of <paramref name="rows"/> rows.</summary>
    public static string Numbers(int rows, double value = 12.5) => JsonSerializer.Serialize(new { predictions = Enumerable.Repeat(value, rows) });
}
