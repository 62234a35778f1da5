using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Spec;

namespace PPipe.Scenarios.Tests.Datasets;

public sealed class DatasetScenarioTests
{
    private const string Spec = """
        dataset:
          id: iris
          version: 1
        """;

    private static readonly DateTimeOffset Start = new(2026, 9, 7, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Builder_Iris_ThreeClassesFourMeasurementsAFifthHeldOut()
    {
        var table = IrisTable.Table();

        Assert.Equal(ScenarioTask.Multiclass, table.Task);
        Assert.Equal(["0", "1", "2"], table.Target.Classes);
        Assert.Equal(["sepal_length", "sepal_width", "petal_length", "petal_width"], table.Features.Select(f => f.Name));
        Assert.Equal(150, table.RowCount);
        Assert.Equal(150, table.Released.Length + table.Held.Length);
        Assert.InRange(table.Held.Length, 15, 45);
        Assert.False(table.TimeOrdered);
    }

    [Fact]
    public void Builder_SameSeed_SameOrder_OtherSeed_Shuffled()
    {
        var a = IrisTable.Table(seed: 7);
        var b = IrisTable.Table(seed: 7);
        var c = IrisTable.Table(seed: 8);

        Assert.Equal(Enumerable.Range(0, 150).Select(r => a.ValueOf(2, r)), Enumerable.Range(0, 150).Select(r => b.ValueOf(2, r)));
        Assert.NotEqual(Enumerable.Range(0, 150).Select(r => a.ValueOf(2, r)), Enumerable.Range(0, 150).Select(r => c.ValueOf(2, r)));
    }

    [Fact]
    public void Builder_TimeColumn_RowsInItsOrder()
    {
        var builder = new DatasetTableBuilder("meters", 1,
            [new("read_at", DatasetColumnKind.Timestamp), new("kwh", DatasetColumnKind.Number), new("y", DatasetColumnKind.Number)],
            "y", null, "read_at", null, 1);
        builder.Add(["2024-03-03T00:00:00Z", "3", "30"]);
        builder.Add(["2024-03-01T00:00:00Z", "1", "10"]);
        builder.Add(["2024-03-02T00:00:00Z", "2", "20"]);

        var (table, errors) = builder.Build();

        Assert.Empty(errors);
        Assert.True(table!.TimeOrdered);
        Assert.Equal("read_at", table.TimestampColumn);
        Assert.Equal([1.0, 2.0, 3.0], Enumerable.Range(0, 3).Select(r => table.ValueOf(0, r)));
        Assert.Equal(ScenarioTask.Regression, table.Task);
    }

    [Theory]
    [InlineData("binary", "has 3 distinct values; a binary task needs exactly two")]
    [InlineData("forecast", "a forecast needs its time column")]
    public void Builder_TaskTheTargetCannotTake_Refused(string task, string message)
    {
        Assert.True(ScenarioNames.TryParse<ScenarioTask>(task, out var parsed));
        var builder = IrisTable.Builder(task: parsed);
        foreach (var row in IrisTable.Rows())
        {
            builder.Add(row);
        }

        var (table, errors) = builder.Build();

        Assert.Null(table);
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Builder_TextTarget_Refused()
    {
        var builder = new DatasetTableBuilder("notes", 1, [new("x", DatasetColumnKind.Number), new("note", DatasetColumnKind.Text)], "note", null, null, null, 1);
        builder.Add(["1", "a long remark"]);
        builder.Add(["2", "another remark"]);

        var (table, errors) = builder.Build();

        Assert.Null(table);
        Assert.Contains(errors, e => e.Contains("'note' is free text", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_DatasetSpec_TakesTheDatasetDefaults()
    {
        var read = ScenarioSpecReader.Read(Spec, DatasetTemplates.Create(IrisTable.Table()));

        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        var scenario = read.Scenario;
        Assert.Equal(ScenarioTask.Multiclass, scenario.Task);
        Assert.Equal(Metric.Accuracy, scenario.Metric);
        Assert.Equal("dataset iris v1", scenario.TemplateId);
        Assert.NotNull(scenario.Dataset);
        Assert.Equal(TimeSpan.FromDays(28), scenario.Duration);
    }

    [Fact]
    public void Read_DatasetNotLoaded_ErrorAtDataset()
    {
        var read = ScenarioSpecReader.Read(Spec, null);

        Assert.False(read.IsValid);
        Assert.Contains(read.Errors, e => e.Path == "dataset");
    }

    [Fact]
    public void Read_TemplateAndDataset_Refused()
    {
        var read = ScenarioSpecReader.Read("template: taxi-fares\n" + Spec, DatasetTemplates.Create(IrisTable.Table()));

        Assert.Contains(read.Errors, e => e.Path == "template" && e.Message.Contains("not both", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ConceptDriftOverDataset_RefusedWithWhatToUse()
    {
        var read = ScenarioSpecReader.Read(Spec + """

            drift:
              - at: 10d
                kind: concept
                effects: {base: 1}
            """, DatasetTemplates.Create(IrisTable.Table()));

        Assert.Contains(read.Errors, e => e.Path == "drift[0].kind" && e.Message.Contains("covariate or label drift", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_LabelDrift_UnknownClassAndBadFactor_NamedByPath()
    {
        var read = ScenarioSpecReader.Read(Spec + """

            drift:
              - at: 10d
                kind: label
                classes: {"7": 2, "1": 0}
            """, DatasetTemplates.Create(IrisTable.Table()));

        Assert.Contains(read.Errors, e => e.Path == "drift[0].classes.7" && e.Message.Contains("not a class of species", StringComparison.Ordinal));
        Assert.Contains(read.Errors, e => e.Path == "drift[0].classes.1" && e.Message.Contains("more than 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_LabelDriftOnTemplate_Refused()
    {
        var read = ScenarioSpecReader.Read("""
            template: card-fraud
            drift:
              - at: 10d
                kind: label
                classes: {"1": 2}
            """);

        Assert.Contains(read.Errors, e => e.Path == "drift[0].kind" && e.Message.Contains("over a dataset", StringComparison.Ordinal));
    }

    [Fact]
    public void Release_RowsAreRecordedReleasableRows_WithTheirTargets()
    {
        var table = IrisTable.WithStandInReferences(IrisTable.Table());
        var scenario = Read(Spec, table);
        var recorded = Enumerable.Range(0, table.RowCount)
            .ToDictionary(r => r, r => (Key: string.Join(",", Enumerable.Range(0, 4).Select(f => table.ValueOf(f, r))), Target: table.TargetOf(r)));
        var released = table.Released.Select(r => recorded[r]).ToHashSet();
        var held = table.Held.Select(r => recorded[r].Key).ToHashSet();

        var reader = new ScenarioGenerator(scenario, 11, Start).OpenRelease(3);
        var rows = 0;
        while (reader.Read())
        {
            rows++;
            var key = string.Join(",", Enumerable.Range(0, 4).Select(f => reader.GetValue(f + 2)));
            Assert.Contains((key, reader.Actual), released);
            Assert.Equal(reader.Actual, reader.Oracle.Value);
        }

        Assert.True(rows > 0);
        _ = held;
    }

    [Fact]
    public void Batch_RowsComeFromHeldOutRows_AndTruthIsTheRecordedTarget()
    {
        var table = IrisTable.WithStandInReferences(IrisTable.Table());
        var scenario = Read(Spec, table);
        var held = table.Held.Select(r => (string.Join(",", Enumerable.Range(0, 4).Select(f => table.ValueOf(f, r))), table.TargetOf(r))).ToHashSet();

        var batch = new ScenarioGenerator(scenario, 11, Start).OpenBatch(5);
        var rows = 0;
        while (batch.Read())
        {
            rows++;
            var key = string.Join(",", Enumerable.Range(0, 4).Select(f => batch.GetValue(f + 2)));
            Assert.Contains((key, batch.Truth.Actual), held);
            Assert.Equal(0, batch.Truth.Stale);
        }

        Assert.True(rows > 0);
    }

    [Fact]
    public void Students_DrawDifferentSamples_EachTheSameEveryTime()
    {
        var table = IrisTable.WithStandInReferences(IrisTable.Table());
        var scenario = Read(Spec.Replace("id: iris", "id: iris\n  ", StringComparison.Ordinal) + "\nreleases:\n  rows: 40\n", table);

        var first = Ids(new ScenarioGenerator(scenario, 11, Start).OpenRelease(10));
        var again = Ids(new ScenarioGenerator(scenario, 11, Start).OpenRelease(10));
        var other = Ids(new ScenarioGenerator(scenario, 12, Start).OpenRelease(10));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void LabelDrift_ShiftsTheClassShares()
    {
        var table = IrisTable.WithStandInReferences(IrisTable.Table());
        var scenario = Read(Spec + """

            releases:
              rows: 400
            drift:
              - at: 14d
                kind: label
                classes: {"2": 20}
            """, table);
        var generator = new ScenarioGenerator(scenario, 3, Start);

        Assert.InRange(Share(generator, 2, 1, 13), 0.2, 0.45);
        Assert.InRange(Share(generator, 2, 16, 27), 0.75, 1.0);
    }

    [Fact]
    public void CovariateDrift_MovesTheFeaturesMean()
    {
        var table = IrisTable.WithStandInReferences(IrisTable.Table());
        var scenario = Read(Spec + """

            releases:
              rows: 400
            drift:
              - at: 14d
                kind: covariate
                feature: petal_length
                shift: 1.5
            """, table);
        var generator = new ScenarioGenerator(scenario, 3, Start);

        var before = Mean(generator, 4, 1, 13);
        var after = Mean(generator, 4, 16, 27);
        Assert.InRange(after - before, 0.8, 2.5);
    }

    [Fact]
    public void NoReferences_GeneratingTruth_SaysWhy()
    {
        var scenario = Read(Spec, IrisTable.Table());
        var batch = new ScenarioGenerator(scenario, 11, Start).OpenBatch(1);
        Assert.True(batch.Read());

        var error = Assert.Throws<InvalidOperationException>(() => batch.Truth);
        Assert.Contains("reference models", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReferencePlan_SmallDataset_OnePeriod_StaleOnFirstReleasableRows()
    {
        var table = IrisTable.WithStandInReferences(IrisTable.Table());
        var scenario = Read(Spec + """

            drift:
              - at: 10d
                kind: label
                classes: {"2": 3}
            """, table);

        var plan = DatasetReferencePlan.For(scenario);

        Assert.Equal(1, plan.PeriodCount);
        Assert.All(plan.Period, p => Assert.Equal(0, p));
        Assert.Equal(TimeSpan.FromDays(1), plan.StaleUntil);
        Assert.Equal(DatasetReferencePlan.MinStaleRows, plan.StaleTraining.Count(s => s));
        Assert.DoesNotContain(table.Held, r => plan.StaleTraining[r]);
    }

    [Fact]
    public void ReferencePlan_CutsAtShiftsAndQuarters_DroppingCutsThatLeaveAPeriodTooSmall()
    {
        var builder = new DatasetTableBuilder("grid", 1, [new("x", DatasetColumnKind.Number), new("y", DatasetColumnKind.Integer)], "y", null, null, null, 5);
        for (var i = 0; i < 1000; i++)
        {
            builder.Add([i.ToString(System.Globalization.CultureInfo.InvariantCulture), (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        var (table, _) = builder.Build();
        var scenario = Read("dataset: {id: grid, version: 1}\ndrift:\n  - {at: 10d, kind: label, classes: {\"1\": 3}}\n", IrisTable.WithStandInReferences(table!));

        var plan = DatasetReferencePlan.For(scenario);

        // Cuts at 7d, 10d, 14d and 21d of 28 fall at rows 250, 357, 500 and 750; 357 would leave 107 rows after 250.
        Assert.Equal(4, plan.PeriodCount);
        Assert.Equal([0, 1, 2, 3], new[] { 0, 250, 500, 750 }.Select(r => plan.Period[r]));
        Assert.Equal([0, 1, 2, 3], new[] { 249, 499, 749, 999 }.Select(r => plan.Period[r]));
    }

    private static Scenario Read(string spec, DatasetTable table)
    {
        var read = ScenarioSpecReader.Read(spec, DatasetTemplates.Create(table));
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        return read.Scenario;
    }

    private static List<string> Ids(GeneratedRowReader reader)
    {
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(string.Join(",", Enumerable.Range(2, 4).Select(reader.GetValue)));
        }

        return values;
    }

    private static double Share(ScenarioGenerator generator, int cls, int from, int to)
    {
        double hits = 0, rows = 0;
        for (var seq = from; seq <= to; seq++)
        {
            var reader = generator.OpenRelease(seq);
            while (reader.Read())
            {
                rows++;
                hits += reader.Actual == cls ? 1 : 0;
            }
        }

        return hits / rows;
    }

    private static double Mean(ScenarioGenerator generator, int column, int from, int to)
    {
        double sum = 0, rows = 0;
        for (var seq = from; seq <= to; seq++)
        {
            var reader = generator.OpenRelease(seq);
            while (reader.Read())
            {
                rows++;
                sum += reader.GetValue(column);
            }
        }

        return sum / rows;
    }
}
