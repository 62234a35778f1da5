using System.Globalization;
using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Spec;

namespace PPipe.Scenarios.Tests.Datasets;

/// <summary>Forecasts over a dataset with a time column: the grid, what students get, and what the spec may ask.</summary>
public sealed class DatasetForecastTests
{
    private static readonly DateTimeOffset Start = new(2026, 9, 7, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FirstDay = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Shops = ["harbour", "market", "station"];

    [Fact]
    public void Builder_ShopsByDay_CellsStepByStepSeriesBySeries_NoneHeldOut()
    {
        var table = Sales(days: 400);

        var grid = Assert.IsType<DatasetGrid>(table.Grid);
        Assert.Equal(ScenarioTask.Forecast, table.Task);
        Assert.Equal("shop", grid.SeriesColumn);
        Assert.Equal(Shops, grid.Series);
        Assert.Equal(400, grid.StepCount);
        Assert.Equal(TimeSpan.FromDays(1), grid.TypicalGap());
        Assert.Equal(FirstDay.AddDays(399), grid.TimeOf(399));
        Assert.Empty(table.Held);
        Assert.Equal(1200, table.Released.Length);
        for (var s = 0; s < Shops.Length; s++)
        {
            foreach (var day in new[] { 0, 17, 399 })
            {
                Assert.Equal(SalesOf(s, day), table.TargetOf(grid.RowOf(s, day)), 6);
            }
        }
    }

    [Fact]
    public void Release_RecordedTimesAndEachStudentsOwnScaleOfTheRecordedSeries()
    {
        var scenario = Scenario(Sales(days: 400));
        var forecast = scenario.Forecast!;
        var a = Cells(new ScenarioGenerator(scenario, 11, Start).OpenRelease(1));
        var b = Cells(new ScenarioGenerator(scenario, 12, Start).OpenRelease(1));

        Assert.Equal(TimeSpan.FromHours(2), forecast.Step);
        Assert.Equal(3 * (35 + 12), a.Count);
        Assert.Equal(FirstDay, a.Min(c => c.Time));
        var factorsA = Factors(a);
        var factorsB = Factors(b);
        foreach (var shop in Shops)
        {
            // Within rounding, every value of a series is the recorded one times the same factor.
            Assert.InRange(factorsA[shop].Max() - factorsA[shop].Min(), 0, 0.01);
            Assert.InRange(factorsA[shop].Average(), 0.79, 1.26);
        }

        Assert.True(Shops.Any(shop => Math.Abs(factorsA[shop].Average() - factorsB[shop].Average()) > 0.01),
            "two students got the same scale of every series");
    }

    [Fact]
    public void Batch_AsksForTheCellsTheNextReleasePublishes_ProbeHistoryIsWhatWasReleased()
    {
        var scenario = Scenario(Sales(days: 400));
        var generator = new ScenarioGenerator(scenario, 11, Start);
        // Probes start on day 2, so forecast from the end of release 3.
        var released = Enumerable.Range(1, 3).SelectMany(seq => Cells(generator.OpenRelease(seq)))
            .ToDictionary(c => (c.Shop, c.Time), c => c.Value);

        var batch = generator.OpenBatchLabels(1);
        var asked = 0;
        while (batch.Read())
        {
            var shop = Shops[batch.Series];
            Assert.Equal(released[(shop, batch.Timestamp)], batch.Actual);
            asked++;
        }

        Assert.Equal(3 * scenario.Forecast!.Horizon, asked);
        var probe = generator.OpenProbe(0);
        Assert.True(probe.Read());
        var history = probe.History!;
        var series = Shops[probe.Series];
        for (var i = 0; i < history.Values.Count; i++)
        {
            Assert.Equal(released[(series, history.Last.AddDays(i - history.Values.Count + 1))], history.Values[i]);
        }
    }

    [Fact]
    public void Co2Weekly_OneSeries_DefaultSpecSizedToItsWeeks_StaleLearnsTheHistory()
    {
        var table = Co2();

        var grid = table.Grid!;
        Assert.Null(grid.SeriesColumn);
        Assert.Equal(856, grid.StepCount);
        Assert.Equal(TimeSpan.FromDays(7), grid.TypicalGap());
        var scenario = Scenario(table);
        var forecast = scenario.Forecast!;
        Assert.Null(forecast.SeriesColumn);
        Assert.Equal(52, forecast.Season);
        Assert.Equal(4, forecast.Horizon);
        Assert.Equal(TimeSpan.FromHours(2), forecast.Step);
        Assert.Equal(260, forecast.StepsIn(forecast.History));

        var release = new ScenarioGenerator(scenario, 3, Start).OpenRelease(1);
        Assert.True(release.Read());
        Assert.Equal(new DateTimeOffset(1985, 8, 10, 0, 0, 0, TimeSpan.Zero), release.Timestamp);

        // The stale model learns the steps released before batch 1's origin: the history and the first day's 12 weeks.
        var plan = DatasetReferencePlan.For(scenario);
        Assert.Equal(272, plan.StaleTraining.Count(t => t));
        Assert.All(Enumerable.Range(0, 272), row => Assert.True(plan.StaleTraining[row]));
        Assert.True(plan.PeriodCount >= 2);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(30)]
    [InlineData(61)]
    [InlineData(120)]
    [InlineData(400)]
    [InlineData(3000)]
    public void DefaultSpec_AnyDatasetOfFifteenStepsOrMore_Validates_AndFitsItsSteps(int days)
    {
        var table = WithStandIns(Sales(days));

        var read = ScenarioSpecReader.Read(DatasetTemplates.DefaultYaml(table), DatasetTemplates.Create(table));

        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        var forecast = read.Scenario.Forecast!;
        var lastOrigin = ForecastPlan.OriginAt(read.Scenario.Releases, read.Scenario.Duration)!.Value;
        Assert.InRange(forecast.StepsIn(lastOrigin - read.Scenario.Releases.WindowStartOf(1)) + forecast.Horizon, 1, days);
    }

    [Fact]
    public void Builder_SeriesMissingAStep_NamesSeriesAndTime()
    {
        var (table, errors) = Build(SalesRows(days: 30).Where(r => !(r[1] == "market" && r[0] == Day(12))), "shop");

        Assert.Null(table);
        var error = Assert.Single(errors);
        Assert.Contains("series 'market' has no row at 2023-01-13T00:00:00Z (step 13 of 30)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Builder_TwoRowsForOneCell_NamesBothRows()
    {
        var rows = SalesRows(days: 30).ToList();
        rows.Add(rows[4]);

        var (table, errors) = Build(rows, "shop");

        Assert.Null(table);
        Assert.Contains("rows 5 and 91 both give series", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Builder_SeveralSeriesButNoneNamed_SaysToNameTheSeriesColumn()
    {
        var (table, errors) = Build(SalesRows(days: 30), series: null);

        Assert.Null(table);
        Assert.Contains("name the column that tells the series apart in forecast.series", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("till", "it has no column 'till' to name the series by")]
    [InlineData("sales", "cannot name the series")]
    public void Builder_SeriesColumnItCannotUse_Refused(string series, string message)
    {
        var (table, errors) = Build(SalesRows(days: 30), series);

        Assert.Null(table);
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Builder_RowWithoutATime_NamesTheRow()
    {
        var rows = SalesRows(days: 30).ToList();
        rows[7] = ["", .. rows[7][1..]];

        var (table, errors) = Build(rows, "shop");

        Assert.Null(table);
        Assert.Contains("row 8 has no time in 'day'", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Builder_MoreSeriesThanAForecastTakes_Refused()
    {
        var rows = Enumerable.Range(0, DatasetTableBuilder.MaxSeries + 1)
            .Select(shop => new[] { Day(0), $"shop-{shop}", "0", "1" });

        var (table, errors) = Build(rows, "shop");

        Assert.Null(table);
        Assert.Contains($"has {DatasetTableBuilder.MaxSeries + 1} values, more than the {DatasetTableBuilder.MaxSeries} series", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Builder_CategoryTarget_Refused()
    {
        var builder = new DatasetTableBuilder("shops", 1,
            [new("day", DatasetColumnKind.Timestamp), new("shop", DatasetColumnKind.Category)], "shop", null, "day", ScenarioTask.Forecast, 1);
        builder.Add([Day(0), "harbour"]);
        builder.Add([Day(1), "market"]);

        var (table, errors) = builder.Build();

        Assert.Null(table);
        Assert.Contains("is categories, not numbers; a forecast needs a numeric target", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_StepsPastTheRecordedData_ForecastStepSaysHowManyAreNeeded()
    {
        var table = WithStandIns(Sales(days: 120));

        var read = ScenarioSpecReader.Read(SpecOver(table, "  step: 1h"), DatasetTemplates.Create(table));

        Assert.False(read.IsValid);
        var error = Assert.Single(read.Errors, e => e.Path == "forecast.step");
        Assert.Contains("recorded steps, and the dataset has 120", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- {at: 5d, kind: covariate, feature: promo, shift: 1}", "drift[0].kind")]
    [InlineData("- {at: 5d, kind: concept, mode: abrupt, effects: {x: 1}}", "drift[0].kind")]
    public void Spec_DriftThatReweightsOrRewritesRows_Refused(string drift, string path)
    {
        var table = WithStandIns(Sales(days: 400));

        var read = ScenarioSpecReader.Read(SpecOver(table, "") + "drift:\n" + drift + "\n", DatasetTemplates.Create(table));

        Assert.False(read.IsValid);
        Assert.Contains(read.Errors, e => e.Path == path);
    }

    [Fact]
    public void Spec_NewCategoryOfTheSeriesColumn_Refused_MissingValuesAccepted()
    {
        var table = WithStandIns(Sales(days: 400));
        var template = DatasetTemplates.Create(table);

        var series = ScenarioSpecReader.Read(SpecOver(table, "") + "quirks:\n- {at: 5d, kind: newCategory, feature: shop, value: airport, rate: 0.1}\n", template);
        var missing = ScenarioSpecReader.Read(SpecOver(table, "") + "quirks:\n- {at: 5d, kind: missingValues, rate: 0.1, for: 2d}\n", template);

        Assert.Contains(series.Errors, e => e.Path == "quirks[0].feature" && e.Message.Contains("names the series", StringComparison.Ordinal));
        Assert.True(missing.IsValid, string.Join("; ", missing.Errors));
    }

    [Theory]
    [InlineData("1h", true)]
    [InlineData("2h", false)]
    public void Spec_TemplateStep_OnlyItsOwn(string step, bool valid)
    {
        var read = ScenarioSpecReader.Read($"template: water-demand\nforecast:\n  step: {step}\n");

        Assert.Equal(valid, read.IsValid);
        if (!valid)
        {
            Assert.Contains(read.Errors, e => e.Path == "forecast.step" && e.Message.Contains("remove step", StringComparison.Ordinal));
        }
    }

    private static Scenario Scenario(DatasetTable table)
    {
        var withReferences = WithStandIns(table);
        var read = ScenarioSpecReader.Read(DatasetTemplates.DefaultYaml(withReferences), DatasetTemplates.Create(withReferences));
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        return read.Scenario;
    }

    /// <summary>The default spec with the forecast section's lines replaced by <paramref name="forecastLines"/> where given.</summary>
    private static string SpecOver(DatasetTable table, string forecastLines)
    {
        var yaml = DatasetTemplates.DefaultYaml(table);
        if (forecastLines.Length > 0)
        {
            var lines = yaml.Split('\n').ToList();
            var at = lines.FindIndex(l => l.StartsWith("  step:", StringComparison.Ordinal));
            lines[at] = forecastLines;
            yaml = string.Join('\n', lines);
        }

        return yaml;
    }

    /// <summary>Stand-in references: the oracle knows the recorded value, the stale model the first value.</summary>
    private static DatasetTable WithStandIns(DatasetTable table)
    {
        if (table.HasReferences)
        {
            return table;
        }

        var oracle = new ConceptOutput[table.RowCount];
        var stale = new ConceptOutput[table.RowCount];
        for (var row = 0; row < table.RowCount; row++)
        {
            oracle[row] = new ConceptOutput(table.TargetOf(row), 0, 0);
            stale[row] = new ConceptOutput(table.TargetOf(0), 0, 0);
        }

        return table.WithReferences(oracle, stale);
    }

    private static double SalesOf(int shop, int day) =>
        Math.Round(40 + 25 * shop + 12 * Math.Sin(2 * Math.PI * day / 7) + 0.05 * day + (day % 10 == 0 ? 8 : 0), 1);

    private static string Day(int day) => FirstDay.AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Daily sales of three shops, with a promotion flag, stored week by week in reverse shop order.</summary>
    private static IEnumerable<string[]> SalesRows(int days)
    {
        for (var day = 0; day < days; day++)
        {
            for (var shop = Shops.Length - 1; shop >= 0; shop--)
            {
                yield return [Day(day), Shops[shop], day % 10 == 0 ? "1" : "0", SalesOf(shop, day).ToString(CultureInfo.InvariantCulture)];
            }
        }
    }

    private static (DatasetTable? Table, IReadOnlyList<string> Errors) Build(IEnumerable<string[]> rows, string? series)
    {
        var builder = new DatasetTableBuilder("shops", 1,
            [new("day", DatasetColumnKind.Timestamp), new("shop", DatasetColumnKind.Category), new("promo", DatasetColumnKind.Integer),
                new("sales", DatasetColumnKind.Number)],
            "sales", null, "day", ScenarioTask.Forecast, 1, series);
        foreach (var row in rows)
        {
            builder.Add(row);
        }

        return builder.Build();
    }

    private static DatasetTable Sales(int days)
    {
        var (table, errors) = Build(SalesRows(days), "shop");
        Assert.Empty(errors);
        return table!;
    }

    private static DatasetTable Co2()
    {
        var builder = new DatasetTableBuilder("co2", 1, [new("week", DatasetColumnKind.Timestamp), new("co2", DatasetColumnKind.Number)],
            "co2", null, "week", ScenarioTask.Forecast, 1);
        foreach (var line in File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Datasets", "co2_weekly.csv")).Split('\n').Skip(1).Where(l => l.Length > 0))
        {
            builder.Add(line.Split(','));
        }

        var (table, errors) = builder.Build();
        Assert.Empty(errors);
        return table!;
    }

    private sealed record CellValue(string Shop, DateTimeOffset Time, double Value);

    private static List<CellValue> Cells(GeneratedRowReader reader)
    {
        var cells = new List<CellValue>();
        while (reader.Read())
        {
            cells.Add(new CellValue(Shops[reader.Series], reader.Timestamp, reader.Actual));
        }

        return cells;
    }

    /// <summary>Each shop's released values divided by the recorded ones.</summary>
    private static Dictionary<string, List<double>> Factors(List<CellValue> cells) =>
        cells.GroupBy(c => c.Shop).ToDictionary(
            g => g.Key,
            g => g.Select(c => c.Value / SalesOf(Array.IndexOf(Shops, c.Shop), (int)(c.Time - FirstDay).TotalDays)).ToList());
}
