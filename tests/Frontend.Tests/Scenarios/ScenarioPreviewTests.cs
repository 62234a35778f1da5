using PPipe.Frontend.Components.Pages.Scenarios;
using PPipe.Scenarios;
using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Spec;
using PPipe.Scenarios.Templates;

namespace PPipe.Frontend.Tests.Scenarios;

public sealed class ScenarioPreviewTests
{
    [Fact]
    public void Of_TaxiTemplate_SamplesAboutTargetPointsWithinTheRowBudget()
    {
        var scenario = ScenarioTemplates.Get("taxi-fares").Scenario;

        var preview = ScenarioPreview.Of(scenario, "distance_km");

        Assert.InRange(preview.Points, ScenarioPreview.TargetPoints - 2, ScenarioPreview.TargetPoints);
        Assert.InRange(preview.Rows, preview.Points, ScenarioPreview.MaxRows * 1.1);
        Assert.Equal(preview.Points, preview.Labels.Count);
        Assert.Equal("Day 0", preview.Labels[0]);
        Assert.All(preview.FeatureSeries.Concat(preview.TargetSeries), s => Assert.Equal(preview.Points, s.Values.Length));
    }

    [Fact]
    public void Of_AbruptConceptDrift_RaisesTheExpectedTargetAfterTheDriftTime()
    {
        var scenario = ScenarioTemplates.Get("taxi-fares").Scenario;

        var preview = ScenarioPreview.Of(scenario, "distance_km");

        var expected = preview.TargetSeries.Single(s => s.Name.Contains("true concept", StringComparison.Ordinal));
        var before = MeanBetween(preview, expected, TimeSpan.FromDays(7), TimeSpan.FromDays(14));
        var after = MeanBetween(preview, expected, TimeSpan.FromDays(14), TimeSpan.FromDays(21));
        Assert.True(after > before * 1.15, $"mean expected fare {before:F2} before day 14, {after:F2} after");
    }

    [Fact]
    public void Of_CovariateShift_MovesTheFeatureMean()
    {
        var scenario = Read("""
            template: taxi-fares
            duration: 10d
            drift:
              - at: 5d
                kind: covariate
                feature: duration_min
                shift: 30
            quirks: []
            """);

        var preview = ScenarioPreview.Of(scenario, "duration_min");

        var mean = preview.FeatureSeries[0];
        var before = MeanBetween(preview, mean, TimeSpan.Zero, TimeSpan.FromDays(5));
        var after = MeanBetween(preview, mean, TimeSpan.FromDays(5), TimeSpan.FromDays(10));
        Assert.InRange(after - before, 20, 40);
    }

    [Fact]
    public void Of_MissingValuesQuirk_ShowsTheMissingShareOfThatFeatureOnly()
    {
        var scenario = Read("""
            template: taxi-fares
            duration: 20d
            quirks:
              - at: 4d
                kind: missingValues
                rate: 0.5
                columns: [passenger_count]
            """);

        var affected = ScenarioPreview.Of(scenario, "passenger_count");
        var other = ScenarioPreview.Of(scenario, "distance_km");

        Assert.NotNull(affected.Missing);
        Assert.Equal(0, MeanBetween(affected, affected.Missing, TimeSpan.Zero, TimeSpan.FromDays(4)));
        Assert.InRange(MeanBetween(affected, affected.Missing, TimeSpan.FromDays(4), TimeSpan.FromDays(20)), 40, 60);
        Assert.Null(other.Missing);
    }

    [Fact]
    public void Of_BinaryTarget_PlotsThePositiveClassPercentage()
    {
        var scenario = ScenarioTemplates.Get("customer-churn").Scenario;
        var feature = ScenarioPreview.DefaultFeature(scenario)!;

        var preview = ScenarioPreview.Of(scenario, feature);

        Assert.Equal($"Rows with {scenario.Target.Name} = {scenario.Target.PositiveClass} (%)", preview.TargetTitle);
        Assert.Equal(2, preview.TargetSeries.Count);
        Assert.All(preview.TargetSeries, s => Assert.All(s.Values, v => Assert.InRange(v ?? -1, 0, 100)));
        Assert.Contains(preview.TargetSeries[1].Values, v => v > 0);
    }

    [Fact]
    public void Of_MulticlassTarget_PlotsEachClassPercentageSummingToAHundred()
    {
        var scenario = ScenarioTemplates.Get("predictive-maintenance").Scenario;

        var preview = ScenarioPreview.Of(scenario, ScenarioPreview.DefaultFeature(scenario)!);

        Assert.Equal(scenario.Target.Classes.Length, preview.TargetSeries.Count);
        for (var point = 0; point < preview.Points; point++)
        {
            Assert.Equal(100.0, preview.TargetSeries.Sum(s => s.Values[point] ?? 0), precision: 9);
        }
    }

    [Fact]
    public void Of_TaxiTemplate_ListsDriftAndQuirksInTimeOrderWithNotes()
    {
        var scenario = ScenarioTemplates.Get("taxi-fares").Scenario;

        var preview = ScenarioPreview.Of(scenario, "distance_km");

        Assert.Equal(
            [
                "Day 0: missing values in passenger_count on 3% of rows — Driver tablets do not always send the passenger count.",
                "Day 9: api outage for 8h — Trips API maintenance window; the day's file is published when it is back.",
                "Day 14: abrupt concept drift (changes base, perKm, congestionFee) — New TLC rate card — higher flag drop and per-km rate, a congestion fee for Midtown and Downtown.",
            ],
            preview.Events.Select(e => e.Text));
        Assert.Equal([false, false, true], preview.Events.Select(e => e.IsDrift));
    }

    [Fact]
    public void Of_SameScenarioTwice_GivesTheSameSeries()
    {
        var scenario = ScenarioTemplates.Get("energy-demand").Scenario;
        var feature = ScenarioPreview.DefaultFeature(scenario)!;

        var first = ScenarioPreview.Of(scenario, feature);
        var second = ScenarioPreview.Of(scenario, feature);

        Assert.Equal(first.FeatureSeries[0].Values, second.FeatureSeries[0].Values);
        Assert.Equal(first.TargetSeries[0].Values, second.TargetSeries[0].Values);
    }

    [Fact]
    public void Of_CategoricalOrUnknownFeature_IsRefused()
    {
        var scenario = ScenarioTemplates.Get("taxi-fares").Scenario;

        Assert.Throws<ArgumentException>(() => ScenarioPreview.Of(scenario, "payment_type"));
        Assert.Throws<ArgumentException>(() => ScenarioPreview.Of(scenario, "no_such_feature"));
    }

    [Fact]
    public void Of_ForecastTemplate_PlotsOnePointPerReleaseAndTheMeanTarget()
    {
        var scenario = ScenarioTemplates.Get("water-demand").Scenario;

        var preview = ScenarioPreview.Of(scenario, "public_holiday");

        Assert.Equal(28, preview.Points);
        Assert.Equal("demand_m3 (m³), mean per point", preview.TargetTitle);
        Assert.All(preview.TargetSeries[0].Values, v => Assert.InRange(v ?? -1, 100, 600));
    }

    [Fact]
    public void Of_EveryTemplate_BuildsForEveryNumericFeatureName()
    {
        foreach (var template in ScenarioTemplates.All)
        {
            var features = ScenarioPreview.NumericFeatures(template.Scenario);
            Assert.NotEmpty(features);

            var preview = ScenarioPreview.Of(template.Scenario, features[^1].Name);

            Assert.True(preview.Points > 0, template.Id);
            Assert.All(preview.FeatureSeries[0].Values, v => Assert.NotNull(v));
        }
    }

    [Fact]
    public void DefaultFeature_ScenarioWithCovariateShift_IsTheShiftedFeature()
    {
        var scenario = Read("""
            template: taxi-fares
            drift:
              - at: 5d
                kind: covariate
                feature: duration_min
                shift: 3
            quirks: []
            """);

        Assert.Equal("duration_min", ScenarioPreview.DefaultFeature(scenario));
    }

    [Fact]
    public void StepFor_Durations_SplitsIntoWholeMinutesNearTheTarget()
    {
        Assert.Equal(TimeSpan.FromMinutes(202), ScenarioPreview.StepFor(TimeSpan.FromDays(28), 200));
        Assert.Equal(TimeSpan.FromMinutes(1), ScenarioPreview.StepFor(TimeSpan.FromMinutes(30), 200));
    }

    [Fact]
    public void Filled_Gaps_HoldThePreviousValue()
    {
        var series = new PreviewSeries("x", [null, 2, null, null, 5, null]);

        Assert.Equal([2, 2, 2, 2, 5, 5], series.Filled());
    }

    private static double MeanBetween(ScenarioPreview preview, PreviewSeries series, TimeSpan from, TimeSpan to)
    {
        var values = Enumerable.Range(0, preview.Points)
            .Where(i => preview.Step * i >= from && preview.Step * (i + 1) <= to)
            .Select(i => series.Values[i])
            .OfType<double>()
            .ToList();
        return values.Average();
    }

    private static Scenario Read(string text) =>
        ScenarioSpecReader.Read(text) is { IsValid: true } read
            ? read.Scenario
            : throw new InvalidOperationException(string.Join("; ", ScenarioSpecReader.Read(text).Errors));

    [Fact]
    public void Of_DatasetScenario_ExpectationOnlyOnceTheReferenceModelsAreIn_AndNamedAsTheirs()
    {
        var builder = new DatasetTableBuilder("meters", 1, [new("load_kw", DatasetColumnKind.Number), new("y", DatasetColumnKind.Number)], "y", null, null, null, 1);
        for (var i = 0; i < 400; i++)
        {
            var x = (i % 40).ToString(System.Globalization.CultureInfo.InvariantCulture);
            builder.Add([x, x + ".5"]);
        }

        var table = builder.Build().Table!;
        var predictions = Enumerable.Range(0, table.RowCount).Select(r => new ConceptOutput(table.TargetOf(r), 0, double.NaN)).ToArray();
        Scenario Read(DatasetTable t) => ScenarioSpecReader.Read("dataset: {id: meters, version: 1}", DatasetTemplates.Create(t)).Scenario!;

        var before = ScenarioPreview.Of(Read(table), "load_kw");
        var after = ScenarioPreview.Of(Read(table.WithReferences(predictions, predictions)), "load_kw");

        Assert.Equal(["y as released"], before.TargetSeries.Select(s => s.Name));
        Assert.Equal(["y as released", "y the oracle reference model expects"], after.TargetSeries.Select(s => s.Name));
    }
}
