using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Generation;

namespace PPipe.Scenarios.Tests.Datasets;

/// <summary>Iris (150 rows, four measurements, three species) as a scenario's dataset table, with stand-in references.</summary>
internal static class IrisTable
{
    public static readonly string[] Columns = ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"];

    /// <summary>The rows as scikit-learn ships them (its first line holds counts, not names).</summary>
    public static IEnumerable<string[]> Rows() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Datasets", "iris.csv")).Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(','));

    public static DatasetTableBuilder Builder(ulong seed = 7, ScenarioTask? task = null, string? timeColumn = null) =>
        new("iris", 1,
        [
            new("sepal_length", DatasetColumnKind.Number), new("sepal_width", DatasetColumnKind.Number),
            new("petal_length", DatasetColumnKind.Number), new("petal_width", DatasetColumnKind.Number),
            new("species", DatasetColumnKind.Integer),
        ], "species", null, timeColumn, task, seed);

    public static DatasetTable Table(ulong seed = 7)
    {
        var builder = Builder(seed);
        foreach (var row in Rows())
        {
            builder.Add(row);
        }

        var (table, errors) = builder.Build();
        Assert.Empty(errors);
        return table!;
    }

    /// <summary>A table with references that tell rows apart: the oracle predicts the recorded class, the stale one class 0.</summary>
    public static DatasetTable WithStandInReferences(DatasetTable table)
    {
        var oracle = new ConceptOutput[table.RowCount];
        var stale = new ConceptOutput[table.RowCount];
        for (var row = 0; row < table.RowCount; row++)
        {
            var actual = (int)table.TargetOf(row);
            oracle[row] = new ConceptOutput(actual, actual, 0.9);
            stale[row] = new ConceptOutput(0, 0, 0.5);
        }

        return table.WithReferences(oracle, stale);
    }
}
