using PPipe.Scenarios.Output;
using PPipe.Scenarios.Timeline;

namespace PPipe.Scenarios.Tests.Validation;

/// <summary>A spec that validates always runs: odd but valid specs go through the whole timeline and every stream.</summary>
public sealed class ValidSpecsRunTests
{
    public static TheoryData<string> Specs =>
    [
        "template: taxi-fares\nduration: 1h\nreleases: {cadence: 2h, rows: 5}\nbatches: {enabled: false}\nendpoint: {from: 0s, probeInterval: 1m, rowsPerProbe: 1, timeout: 100ms, slo: {p95LatencyMs: 100}}\ndrift: []\nquirks: []\ngrading: {criteria: {acquisition: 1}}",
        "template: predictive-maintenance\nreleases: {rows: 40}\nbatches: {rows: 20}\nquirks:\n  - {at: 1d, kind: newCategory, feature: machine_type, value: turbine, rate: 0.5, effect: 3}\n  - {at: 2d, kind: renameColumn, column: rpm, to: shaft_rpm}\n  - {at: 3d, kind: renameColumn, column: shaft_rpm, to: rpm_v2}\n  - {at: 3d, kind: addColumn, column: line, values: ['L3', 'L,4']}\n  - {at: 4d, kind: addColumn, column: ambient_c, mean: 21, sd: 0, decimals: 0}\n  - {at: 0d, kind: missingValues, rate: 0.9}",
        "template: card-fraud\nduration: 6d\nreleases: {cadence: 6h, rows: 30, lag: 0s, rotation: [webhook, bucket, stream]}\nbatches: {first: 0s, cadence: 1h, rows: 10, dueAfter: 30m, labelDelay: 0s, late: {policy: accept}}\nquirks:\n  - {at: 0d, kind: lateRows, rate: 0.9, delay: 5d}\n  - {at: 1d, kind: duplicates, rate: 0.5, for: 1d}\n  - {at: 1d, kind: outage, channel: webhook, for: 12h}\n  - {at: 1d6h, kind: outage, channel: webhook, for: 12h}\n  - {at: 5d, kind: labelNoise, rate: 0.5}\ndrift:\n  - {at: 1d, kind: concept, mode: recurring, period: 3h, active: 1h, effects: {base: -2}}\n  - {at: 2d, kind: concept, effects: {base: -3}}\n  - {at: 3d, kind: concept, mode: gradual, over: 1d, effects: {foreign: 5}}\n  - {at: 4d, kind: concept, for: 1d, effects: {nightTime: -2}}",
        "template: energy-demand\nseed: 0\nreleases: {first: 27d23h, rows: 3}\nbatches: {first: 27d, dueAfter: 1d, rows: 2}\nendpoint: {from: 27d23h59m}\ndrift:\n  - {at: 0s, kind: covariate, feature: solar_irradiance_wm2, shift: 5000}\n  - {at: 1d, kind: recalibration, feature: wind_kmh, shift: -500}\nquirks: []",
        "{\"template\": \"customer-churn\", \"metric\": \"accuracy\", \"releases\": {\"rows\": 50}, \"batches\": {\"rows\": 50, \"late\": {\"policy\": \"penalty\", \"penalty\": 1}}, \"grading\": {\"levels\": {\"proficient\": 0.01, \"advanced\": 0.02, \"expert\": 1}}}",
    ];

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task ValidSpec_OddButValid_RunsThroughEveryEventAndStream(string yaml)
    {
        var scenario = TestScenarios.Read(yaml);
        var timeline = new ScenarioTimeline(scenario, TestScenarios.Start, 10_000);
        var generator = timeline.GeneratorFor(99);
        var now = timeline.Start - TimeSpan.FromSeconds(1);

        while (timeline.NextEventAfter(now, TimelineEventKinds.AllButProbes) is { } next)
        {
            foreach (var due in timeline.EventsBetween(now, next))
            {
                switch (due.Kind)
                {
                    case TimelineEventKinds.Release:
                        var release = timeline.Release((int)due.Seq);
                        var rows = await CsvRowWriter.WriteAsync(generator.OpenRelease(release.Seq), Stream.Null, TestContext.Current.CancellationToken);
                        Assert.Equal(release.Rows, rows);
                        Assert.Equal(release.Columns, generator.OpenRelease(release.Seq).Columns.Select(c => c.Name));
                        break;
                    case TimelineEventKinds.BatchDue:
                        Assert.Equal(scenario.Batches!.Rows, generator.BatchTruth((int)due.Seq).Count);
                        await JsonLinesRowWriter.WriteAsync(generator.OpenBatch((int)due.Seq), Stream.Null, TestContext.Current.CancellationToken);
                        break;
                }
            }

            var slots = timeline.ProbeSlotsBetween(now, next);
            if (!slots.IsEmpty)
            {
                Assert.NotEmpty(ProbeRequest.ToBytes(generator.OpenProbe(slots.Last)));
                Assert.Equal(scenario.Endpoint!.RowsPerProbe, generator.ProbeTruth(slots.First).Count);
            }

            now = next;
        }

        Assert.Equal(timeline.End, now);
    }
}
