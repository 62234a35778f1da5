using System.Collections.Immutable;
using PPipe.Scenarios.Generation;

namespace PPipe.Scenarios.Datasets;

/// <summary>
/// A stored dataset version as a scenario runs over it: its feature columns and target by row, the rows in the order
/// they are released (by the time column, or shuffled with the scenario's seed), and which rows are held out of the
/// releases for batches and probes. Columnar and immutable, so one copy per scenario version serves every student.
/// Built by <see cref="DatasetTableBuilder"/>.
/// </summary>
public sealed class DatasetTable
{
    internal DatasetTable(
        string datasetId,
        int version,
        ImmutableArray<ScenarioFeature> features,
        double[][] values,
        ScenarioTarget target,
        double[] targets,
        bool[] heldOut,
        string timestampColumn,
        bool timeOrdered,
        DatasetGrid? grid = null,
        ConceptOutput[]? oracle = null,
        ConceptOutput[]? stale = null)
    {
        Oracle = oracle;
        Stale = stale;
        DatasetId = datasetId;
        Version = version;
        Features = features;
        Values = values;
        Target = target;
        Targets = targets;
        HeldOut = heldOut;
        TimestampColumn = timestampColumn;
        TimeOrdered = timeOrdered;
        Grid = grid;
        var released = new List<int>(targets.Length);
        var held = new List<int>(targets.Length / 4);
        for (var row = 0; row < targets.Length; row++)
        {
            (heldOut[row] ? held : released).Add(row);
        }

        Released = [.. released];
        Held = [.. held];
    }

    /// <summary>The share of rows kept out of every release, for batches and probes (seeded per row).</summary>
    public const double HeldOutShare = 0.2;

    public string DatasetId { get; }

    public int Version { get; }

    /// <summary>The feature columns: numbers, and categories with their values in ordinal order.</summary>
    public ImmutableArray<ScenarioFeature> Features { get; }

    public ScenarioTarget Target { get; }

    public ScenarioTask Task => Target.Task;

    /// <summary>The published time column's name: the dataset's own time column, or <c>timestamp</c>.</summary>
    public string TimestampColumn { get; }

    /// <summary>Whether the rows are in the order of the dataset's time column (otherwise shuffled).</summary>
    public bool TimeOrdered { get; }

    public int RowCount => Targets.Length;

    /// <summary>For a forecast, how the rows lie on the (series, step) grid (none is held out); null for other tasks.</summary>
    public DatasetGrid? Grid { get; }

    /// <summary>Rows that releases may publish, in release order.</summary>
    public ImmutableArray<int> Released { get; }

    /// <summary>Rows held out of releases, in release order: batches and probes draw from these.</summary>
    public ImmutableArray<int> Held { get; }

    /// <summary>Feature values by feature, then row: a number, or a category's index; NaN when missing.</summary>
    internal double[][] Values { get; }

    /// <summary>The target by row: the value, or the class index.</summary>
    internal double[] Targets { get; }

    internal bool[] HeldOut { get; }

    /// <summary>Whether the reference models' predictions are in (<see cref="WithReferences"/>); rows are generated only then.</summary>
    public bool HasReferences => Oracle is not null;

    /// <summary>The oracle reference model's prediction by row (release order), once fitted.</summary>
    internal ConceptOutput[]? Oracle { get; }

    /// <summary>The stale reference model's prediction by row (release order), once fitted.</summary>
    internal ConceptOutput[]? Stale { get; }

    /// <summary>The oracle reference model's prediction for <paramref name="row"/> (release order).</summary>
    public ConceptOutput OracleOf(int row) => (Oracle ?? throw NoReferences())[row];

    /// <summary>The stale reference model's prediction for <paramref name="row"/> (release order).</summary>
    public ConceptOutput StaleOf(int row) => (Stale ?? throw NoReferences())[row];

    /// <summary>The same table with the reference models' predictions for every row (release order).</summary>
    public DatasetTable WithReferences(ConceptOutput[] oracle, ConceptOutput[] stale)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(stale);
        if (oracle.Length != RowCount || stale.Length != RowCount)
        {
            throw new ArgumentException($"Reference predictions must cover the table's {RowCount} rows.");
        }

        return new DatasetTable(DatasetId, Version, Features, Values, Target, Targets, HeldOut, TimestampColumn, TimeOrdered, Grid, oracle, stale);
    }

    /// <summary>The value of <paramref name="feature"/> in <paramref name="row"/>.</summary>
    public double ValueOf(int feature, int row) => Values[feature][row];

    public double TargetOf(int row) => Targets[row];

    /// <summary>A copy of one feature's values by row (release order), for fitting reference models.</summary>
    public double[] ColumnOf(int feature) => (double[])Values[feature].Clone();

    /// <summary>A copy of the target by row (release order).</summary>
    public double[] TargetColumn() => (double[])Targets.Clone();

    private static InvalidOperationException NoReferences() =>
        new("The dataset's reference models are not in its table; a scenario over a dataset generates rows only once they are.");

    /// <summary>Where a row sits on the scenario's timeline: its release-order position spread evenly over
    /// <paramref name="duration"/>.</summary>
    public TimeSpan TimeOf(int row, TimeSpan duration) => TimeSpan.FromTicks((long)((row + 0.5) / RowCount * duration.Ticks));
}
