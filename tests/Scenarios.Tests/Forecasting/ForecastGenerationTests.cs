using System.Text.Json;
using PPipe.Scenarios.Assessment;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;
using PPipe.Scenarios.Scoring;

namespace PPipe.Scenarios.Tests.Forecasting;

public sealed class ForecastGenerationTests(ITestOutputHelper output)
{
    private static readonly Scenario Water = TestScenarios.Template("water-demand");

    [Fact]
    public void Template_WaterDemand_IsAForecastOfDistrictsByTheHour()
    {
        var forecast = Water.Forecast!;

        Assert.Equal(ScenarioTask.Forecast, Water.Task);
        Assert.Equal(Metric.Mase, Water.Metric);
        Assert.Equal("district", forecast.SeriesColumn);
        Assert.Equal(5, forecast.Series.Length);
        Assert.Equal(TimeSpan.FromHours(1), forecast.Step);
        Assert.Equal((24, 24, TimeSpan.FromDays(14)), (forecast.Horizon, forecast.Season, forecast.History));
        Assert.Equal(5 * 24, Water.Releases.Rows);
        Assert.Equal(5 * 24 * 14, Water.Releases.HistoryRows);
        Assert.Equal(5 * 24, Water.Batches!.Rows);
    }

    [Fact]
    public void OpenRelease_First_HoldsEverySeriesAtEveryHourOfHistoryAndItsWindow()
    {
        var generator = new ScenarioGenerator(Water, 7, TestScenarios.Start);

        var rows = Rows(generator.OpenRelease(1));

        Assert.Equal(5 * 24 * 15, rows.Count);
        Assert.Equal(TestScenarios.Start.AddDays(-15), rows.Min(r => r.Time));
        Assert.Equal(TestScenarios.Start.AddHours(-1), rows.Max(r => r.Time));
        Assert.All(rows.GroupBy(r => r.Time), hour => Assert.Equal(["harbour", "hills", "north", "old_town", "riverside"], hour.Select(r => r.Series).Order()));
    }

    [Fact]
    public void OpenBatch_Any_AsksForTheNextHorizonOfEverySeriesAfterTheNewestRelease()
    {
        var generator = new ScenarioGenerator(Water, 7, TestScenarios.Start);

        var rows = Rows(generator.OpenBatch(3));

        Assert.Equal(5 * 24, rows.Count);
        Assert.Equal(TestScenarios.Start.AddDays(2), rows.Min(r => r.Time));
        Assert.Equal(TestScenarios.Start.AddDays(3).AddHours(-1), rows.Max(r => r.Time));
        Assert.Equal(5, rows.Select(r => r.Series).Distinct().Count());
    }

    [Fact]
    public void BatchTruth_Any_IsWhatTheNextReleasePublishesForTheSameSeriesAndHour()
    {
        var generator = new ScenarioGenerator(Water, 7, TestScenarios.Start);
        var asked = Rows(generator.OpenBatch(3));
        var truths = generator.BatchTruth(3);

        var published = Rows(generator.OpenRelease(4)).ToDictionary(r => (r.Series, r.Time), r => r.Value);

        Assert.Equal(asked.Count, truths.Count);
        for (var i = 0; i < asked.Count; i++)
        {
            Assert.Equal(published[(asked[i].Series, asked[i].Time)], truths[i].Actual);
        }
    }

    [Fact]
    public void BatchTruth_Mase_ScalesEachRowByTheSeasonalNaiveErrorOfItsSeriesReleasedBefore()
    {
        var generator = new ScenarioGenerator(Water, 7, TestScenarios.Start);
        var history = Rows(generator.OpenRelease(1)).Concat(Rows(generator.OpenRelease(2))).Concat(Rows(generator.OpenRelease(3)))
            .Where(r => r.Time >= TestScenarios.Start.AddDays(2).AddHours(-5 * 24))
            .GroupBy(r => r.Series)
            .ToDictionary(g => g.Key, g => MetricScore.SeasonalNaiveScale([.. g.OrderBy(r => r.Time).Select(r => r.Value)], 24));
        var asked = Rows(generator.OpenBatch(3));

        var truths = generator.BatchTruth(3);

        for (var i = 0; i < asked.Count; i++)
        {
            Assert.Equal(history[asked[i].Series], truths[i].Scale, 9);
        }
    }

    [Fact]
    public void BatchTruth_ShortHistory_ScalesByWhatWasReleased()
    {
        var scenario = TestScenarios.Read("template: water-demand\nforecast: {history: 1d1h}");
        var generator = new ScenarioGenerator(scenario, 7, TestScenarios.Start);
        var released = Rows(generator.OpenRelease(1));
        var asked = Rows(generator.OpenBatch(1));

        var truths = generator.BatchTruth(1);

        Assert.Equal(5 * 49, released.Count);
        for (var i = 0; i < asked.Count; i++)
        {
            var history = released.Where(r => r.Series == asked[i].Series).OrderBy(r => r.Time).Select(r => r.Value).ToArray();
            Assert.Equal(MetricScore.SeasonalNaiveScale(history, 24), truths[i].Scale, 9);
        }
    }

    [Fact]
    public void OpenProbe_Forecast_SendsTheSeriesLastTwoSeasonsAsReleasedWithEachInstance()
    {
        var generator = new ScenarioGenerator(Water, 7, TestScenarios.Start);
        var probe = generator.OpenProbe(30); // day 3, 06:00: forecasts start from the end of release 4 (day 3, 00:00)
        Assert.True(probe.Read());
        var series = Water.Forecast!.Series[probe.Series];
        var published = Rows(generator.OpenRelease(3)).Concat(Rows(generator.OpenRelease(4)))
            .Where(r => r.Series == series).OrderBy(r => r.Time).ToList();

        var history = probe.History!;

        Assert.Equal(TestScenarios.Start.AddDays(3).AddHours(-1), history.Last);
        Assert.Equal(published.TakeLast(48).Select(r => r.Value), history.Values);
        Assert.InRange(probe.Timestamp, TestScenarios.Start.AddDays(3), TestScenarios.Start.AddDays(4).AddHours(-1));
    }

    [Fact]
    public void ProbeRequest_Forecast_WritesOriginAndHistoryBesideTheFeatures()
    {
        var generator = new ScenarioGenerator(Water, 7, TestScenarios.Start);

        using var body = JsonDocument.Parse(ProbeRequest.ToBytes(generator.OpenProbe(30)));

        var instances = body.RootElement.GetProperty("instances").EnumerateArray().ToList();
        Assert.Equal(10, instances.Count);
        Assert.All(instances, i => Assert.Equal(
            ["district", "history", "hour_start", "origin", "public_holiday"],
            i.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
        Assert.All(instances, i => Assert.Equal("2026-01-07T23:00:00Z", i.GetProperty("origin").GetString()));
        Assert.All(instances, i => Assert.Equal(48, i.GetProperty("history").GetArrayLength()));
        Assert.Equal(5, instances.Select(i => i.GetProperty("district").GetString()).Distinct().Count());
    }

    [Fact]
    public void OpenRelease_Forecast_HasNoProbeHistory()
    {
        var release = new ScenarioGenerator(Water, 7, TestScenarios.Start).OpenRelease(2);

        Assert.True(release.Read());

        Assert.Null(release.History);
    }

    [Fact]
    public void BatchScore_NightTariff_MakesTheStaleModelClearlyWorseThanTheOracle()
    {
        var generator = new ScenarioGenerator(Water, 7, TestScenarios.Start);
        var lines = new List<string>();
        double before = 0, after = 0;
        for (var seq = 1; seq <= Water.Batches!.CountWithin(Water.Duration); seq++)
        {
            var truths = generator.BatchTruth(seq);
            var oracle = truths.Select(t => t.Oracle).ToArray();
            var score = BatchScorer.Score(Metric.Mase, truths, new BatchPredictions(BatchIds.FromTruths(truths), oracle, null));
            lines.Add($"{seq}: oracle {score.Oracle:F2} stale {score.Stale:F2}");
            if (seq == 10)
            {
                before = score.Stale / score.Oracle;
            }
            else if (seq == 16)
            {
                after = score.Stale / score.Oracle;
            }
        }

        output.WriteLine(string.Join("\n", lines));
        Assert.InRange(before, 0.99, 1.01);
        Assert.True(after > 2, $"stale/oracle MASE after the tariff: {after:F2}");
    }

    private static List<(string Series, DateTimeOffset Time, double Value)> Rows(GeneratedRowReader reader)
    {
        var series = IndexOf(reader.Columns, "district");
        var target = IndexOf(reader.Columns, "demand_m3");
        var rows = new List<(string, DateTimeOffset, double)>();
        while (reader.Read())
        {
            rows.Add((reader.Columns[series].Categories[(int)reader.GetValue(series)], reader.Timestamp, target < 0 ? double.NaN : reader.GetValue(target)));
        }

        return rows;
    }

    private static int IndexOf(IReadOnlyList<Column> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}
