using System.Diagnostics;
using PPipe.Scenarios;

namespace PPipe.ReferenceModels.Tests;

/// <summary>
/// What creating a scenario over a large upload costs: 100,000 rows of 20 features, as the trainer's doc comment
/// states. Explicit (run with <c>-explicit only</c>): a minute of two busy cores is too much for every test run.
/// </summary>
public sealed class CostTests
{
    private const int Rows = 100_000;
    private const int Features = 20;

    [Theory(Explicit = true)]
    [InlineData(ScenarioTask.Regression, 0)]
    [InlineData(ScenarioTask.Binary, 2)]
    [InlineData(ScenarioTask.Multiclass, 3)]
    [InlineData(ScenarioTask.Multiclass, 30)]
    public void Fit_OfAHundredThousandRowsInFourPeriods_TakesAboutAMinuteAtMost(ScenarioTask task, int classCount)
    {
        var table = Table(task, classCount);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();

        var fit = ReferenceTrainer.Fit(table, TestContext.Current.CancellationToken);

        watch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        TestContext.Current.TestOutputHelper!.WriteLine($"{task}, {classCount} classes: {watch.Elapsed.TotalSeconds:F1} s, {cpu.TotalSeconds:F1} s of CPU; " +
            string.Join(", ", fit.Models.Select(m => $"{m.Name} {m.Quality:F3} ({m.RowsPerFit} rows per fit)")));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(90), $"{watch.Elapsed.TotalSeconds:F1} s");
        Assert.All(fit.Models.SkipLast(1), m => Assert.Null(m.Fallback));
    }

    /// <summary>
    /// Rows in four periods of 25,000, 16 numeric features (two with a tenth missing) and 4 categories of 5 to 40
    /// levels; the concept's weights change each period. The first 10,000 rows train the stale model.
    /// </summary>
    private static ReferenceTable Table(ScenarioTask task, int classCount)
    {
        var random = new Random(20261);
        var columns = new double[Features][];
        for (var c = 0; c < Features; c++)
        {
            var levels = c < 16 ? 0 : 5 + (c - 16) * 12;
            columns[c] = [.. Enumerable.Range(0, Rows).Select(_ => levels > 0 ? random.Next(levels) : random.NextDouble() * 10)];
        }

        var period = Enumerable.Range(0, Rows).Select(r => r * 4 / Rows).ToArray();
        var target = new double[Rows];
        for (var r = 0; r < Rows; r++)
        {
            var p = period[r];
            var score = (1 + p) * Math.Sin(columns[0][r]) + (p % 2 == 0 ? 1 : -1) * columns[1][r] / 5 + columns[2][r] * columns[3][r] / 50
                + (columns[16][r] == p ? 1.5 : 0) + random.NextDouble() - 0.5;
            target[r] = task switch
            {
                ScenarioTask.Regression => score,
                ScenarioTask.Binary => score > 1.5 ? 1 : 0,
                _ => Math.Clamp((int)Math.Floor((score + 1) * classCount / 6), 0, classCount - 1),
            };
        }

        for (var r = 0; r < Rows; r += 10)
        {
            columns[4][r] = double.NaN;
            columns[5][(r + 5) % Rows] = double.NaN;
        }

        return new ReferenceTable
        {
            Task = task,
            ClassCount = classCount,
            Features = [.. columns.Select((values, c) => new ReferenceColumn($"f{c}", c >= 16, values))],
            Target = target,
            Period = period,
            StaleTraining = [.. Enumerable.Range(0, Rows).Select(r => r < 10_000)],
            Seed = 1,
        };
    }
}
