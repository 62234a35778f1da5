using System.Globalization;
using PPipe.Scenarios;
using PPipe.TestSupport;

namespace PPipe.ReferenceModels.Tests;

/// <summary>A public dataset read into columns, and the reference tables the tests build from it.</summary>
internal sealed record Dataset(IReadOnlyList<ReferenceColumn> Features, double[] Target, ScenarioTask Task, int ClassCount)
{
    public int Rows => Target.Length;

    /// <summary>Iris: four measurements, three species.</summary>
    public static Dataset Iris() => FromShippedCsv(PublicDatasets.IrisAsShipped(), ScenarioTask.Multiclass, 3);

    /// <summary>Breast cancer: 30 measurements, diagnosis 1 = benign.</summary>
    public static Dataset BreastCancer() => FromShippedCsv(PublicDatasets.BreastCancerAsShipped(), ScenarioTask.Binary, 2);

    /// <summary>Diabetes: ten baseline variables (sex as a category), disease progression a year later.</summary>
    public static Dataset Diabetes()
    {
        var rows = Lines(PublicDatasets.DiabetesFeatures()).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Number).ToArray()).ToArray();
        var target = Lines(PublicDatasets.DiabetesTarget()).Select(Number).ToArray();
        string[] names = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"];
        var features = names.Select((name, c) => name == "sex"
            ? new ReferenceColumn(name, true, [.. rows.Select(row => row[c] - 1)])
            : new ReferenceColumn(name, false, [.. rows.Select(row => row[c])])).ToArray();
        return new Dataset(features, target, ScenarioTask.Regression, 0);
    }

    /// <summary>One period; the stale model learns from the first half of the rows.</summary>
    public ReferenceTable OnePeriod(ulong seed = 7) => new()
    {
        Task = Task,
        ClassCount = ClassCount,
        Features = Features,
        Target = Target,
        Period = new int[Rows],
        StaleTraining = [.. Enumerable.Range(0, Rows).Select(r => r < Rows / 2)],
        Seed = seed,
    };

    /// <summary>
    /// Two periods: period 0 the dataset as it is, period 1 the same rows after a concept change of their target
    /// (<paramref name="drift"/>); the stale model learns from period 0.
    /// </summary>
    public ReferenceTable TwoPeriods(Func<double, double> drift, ulong seed = 7) => new()
    {
        Task = Task,
        ClassCount = ClassCount,
        Features = [.. Features.Select(f => f with { Values = [.. f.Values, .. f.Values] })],
        Target = [.. Target, .. Target.Select(drift)],
        Period = [.. Enumerable.Repeat(0, Rows), .. Enumerable.Repeat(1, Rows)],
        StaleTraining = [.. Enumerable.Repeat(true, Rows), .. Enumerable.Repeat(false, Rows)],
        Seed = seed,
    };

    /// <summary>scikit-learn's CSV layout: a first line of counts and class names, then the features and the class.</summary>
    private static Dataset FromShippedCsv(string csv, ScenarioTask task, int classCount)
    {
        var rows = Lines(csv).Skip(1).Select(line => line.Split(',').Select(Number).ToArray()).ToArray();
        var width = rows[0].Length - 1;
        var features = Enumerable.Range(0, width).Select(c => new ReferenceColumn($"x{c}", false, [.. rows.Select(row => row[c])])).ToArray();
        return new Dataset(features, [.. rows.Select(row => row[width])], task, classCount);
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0);

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
