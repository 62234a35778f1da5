using System.Collections.Immutable;
using System.Globalization;
using PPipe.Scenarios.Generation;

namespace PPipe.Scenarios.Datasets;

/// <summary>
/// Turns a stored dataset version's rows (as text, in stored order) into the <see cref="DatasetTable"/> a scenario runs
/// over. Numbers, integers, booleans and categories become features; the id, the time column, free text and other times
/// are left out. The target decides the task: numbers (and integers with more than <see cref="MaxIntegerClasses"/>
/// values) are regression, anything else classes. Rows are put in the time column's order (ties keep the stored
/// order), or shuffled with the scenario's seed when there is none. Memory: one double per feature and row.
/// </summary>
public sealed class DatasetTableBuilder
{
    /// <summary>The most rows a scenario runs over.</summary>
    public const int MaxRows = 1_000_000;

    /// <summary>The most feature values (rows times feature columns) a scenario keeps in memory.</summary>
    public const long MaxCells = 20_000_000;

    /// <summary>The most series a forecast over a dataset may have.</summary>
    public const int MaxSeries = 1_000;

    /// <summary>An integer target with at most this many distinct values is taken as classes.</summary>
    public const int MaxIntegerClasses = 20;

    /// <summary>The most classes a classification target may have.</summary>
    public const int MaxClasses = 100;

    private const ulong ShufflePurpose = 0x5348554646;
    private const ulong HoldPurpose = 0x484F4C44;

    private readonly string _datasetId;
    private readonly int _version;
    private readonly ulong _seed;
    private readonly ScenarioTask? _task;
    private readonly List<Source> _features = [];
    private readonly int _target;
    private readonly DatasetColumnKind _targetKind;
    private readonly string _targetName;
    private readonly int _time;
    private readonly string _timestampColumn;
    private readonly int _columnCount;
    private readonly List<string> _targets = [];
    private readonly List<long> _times = [];
    private readonly List<string> _errors = [];
    private readonly int _series = -1;

    /// <summary>Starts a table of the columns of a version (in stored order) with its roles; <paramref name="task"/> is
    /// the task the spec names, or null to decide it from the target; <paramref name="seed"/> is the scenario's; a forecast's
    /// <paramref name="seriesColumn"/> names the column that tells its series apart (null for one series).</summary>
    public DatasetTableBuilder(string datasetId, int version, IReadOnlyList<DatasetColumnInfo> columns, string target, string? idColumn,
        string? timeColumn, ScenarioTask? task, ulong seed, string? seriesColumn = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _datasetId = datasetId;
        _version = version;
        _seed = seed;
        _task = task;
        _columnCount = columns.Count;
        _target = _time = -1;
        _targetName = target;
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            if (column.Name == target)
            {
                _target = c;
                _targetKind = column.Kind;
            }
            else if (column.Name == timeColumn)
            {
                _time = c;
            }
            else if (task == ScenarioTask.Forecast && column.Name == seriesColumn && column.Name != idColumn && column.Kind != DatasetColumnKind.Timestamp)
            {
                // A series is named by its value, whatever that looks like.
                _series = _features.Count;
                _features.Add(new Source(c, column.Name, DatasetColumnKind.Category));
            }
            else if (column.Name != idColumn && column.Kind is not (DatasetColumnKind.Text or DatasetColumnKind.Timestamp))
            {
                _features.Add(new Source(c, column.Name, column.Kind));
            }
        }

        if (task == ScenarioTask.Forecast && seriesColumn is not null && _series < 0)
        {
            _errors.Add(columns.Any(c => c.Name == seriesColumn)
                ? $"its column '{seriesColumn}' cannot name the series: it is the target, the id or the time column, or holds times"
                : $"it has no column '{seriesColumn}' to name the series by");
        }

        if (_target < 0)
        {
            throw new ArgumentException($"The dataset has no column '{target}'.", nameof(target));
        }

        _timestampColumn = timeColumn ?? (columns.Any(c => c.Name == "timestamp") ? "event_time" : "timestamp");
    }

    public int RowCount => _targets.Count;

    /// <summary>Adds the next stored row (its values in column order).</summary>
    public void Add(IReadOnlyList<string> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (_errors.Count > 0)
        {
            return;
        }

        if (row.Count != _columnCount)
        {
            _errors.Add($"row {_targets.Count + 1} has {row.Count} values, not {_columnCount}");
            return;
        }

        if (_targets.Count >= MaxRows)
        {
            _errors.Add($"it has more than {MaxRows:N0} rows, the most a scenario runs over; upload a sample of it as a version of its own");
            return;
        }

        if ((long)(_targets.Count + 1) * _features.Count > MaxCells)
        {
            _errors.Add($"its {_features.Count} feature columns times its rows exceed the {MaxCells:N0} values a scenario keeps; upload fewer rows or columns");
            return;
        }

        foreach (var feature in _features)
        {
            feature.Add(row[feature.Column]);
        }

        _targets.Add(row[_target].Trim());
        if (_time >= 0)
        {
            // Read as the profile read it when the roles were confirmed, which checked that every value is a time.
            _times.Add(DatasetValueText.TryParseTime(row[_time].Trim(), out var at) ? at.UtcTicks : long.MaxValue);
        }
    }

    /// <summary>The table, or what stops the dataset from running as a scenario (each a sentence about the dataset).</summary>
    public (DatasetTable? Table, IReadOnlyList<string> Errors) Build()
    {
        if (_errors.Count == 0 && _targets.Count < 2)
        {
            _errors.Add($"it has {_targets.Count} row(s); a scenario needs at least two");
        }

        double[]? targets = null;
        var target = _errors.Count == 0 ? BuildTarget(out targets) : null;
        if (_errors.Count > 0 || target is null || targets is null)
        {
            return (null, _errors);
        }

        var count = _targets.Count;
        var features = ImmutableArray.CreateBuilder<ScenarioFeature>(_features.Count);
        var stored = new double[_features.Count][];
        for (var f = 0; f < _features.Count; f++)
        {
            (var feature, stored[f]) = _features[f].Finish();
            features.Add(feature);
        }

        DatasetGrid? grid = null;
        int[] order;
        if (target.Task == ScenarioTask.Forecast)
        {
            (grid, order) = Grid(_series < 0 ? null : (features[_series], stored[_series]));
            if (grid is null)
            {
                return (null, _errors);
            }
        }
        else
        {
            order = Order(count);
        }

        var values = new double[_features.Count][];
        for (var f = 0; f < _features.Count; f++)
        {
            values[f] = Reorder(stored[f], order);
        }

        // A forecast releases every cell of its grid: batches ask for the cells a later release publishes.
        var heldOut = new bool[count];
        if (grid is null)
        {
            for (var row = 0; row < count; row++)
            {
                // Keyed by the stored row, so the same rows are held out whatever order they are released in.
                heldOut[row] = RowRandom.UnitOf(RowRandom.KeyOf(_seed, HoldPurpose, (ulong)order[row])) < DatasetTable.HeldOutShare;
            }

            if (!heldOut.Contains(false) || !heldOut.Contains(true))
            {
                // Two or three rows can all land on one side: keep at least one on each.
                heldOut[0] = false;
                heldOut[^1] = true;
            }
        }

        return (new DatasetTable(_datasetId, _version, features.ToImmutable(), values, target, Reorder(targets, order), heldOut,
            _timestampColumn, _time >= 0, grid), []);
    }

    /// <summary>
    /// Lays the rows on a forecast's grid: the steps are the time column's distinct values, the series the series column's
    /// categories (one series without it). Every series needs exactly one row at every step; the first problem is reported.
    /// Returns the grid and the stored row of each cell, step by step and series by series.
    /// </summary>
    private (DatasetGrid? Grid, int[] Order) Grid((ScenarioFeature Feature, double[] Values)? series)
    {
        var steps = _times.Distinct().Order().ToArray();
        var seriesNames = series is { } named ? named.Feature.Categories : [_targetName];
        if (seriesNames.Length > MaxSeries)
        {
            _errors.Add($"its series column '{series!.Value.Feature.Name}' has {seriesNames.Length} values, more than the {MaxSeries} series a forecast takes");
            return (null, []);
        }

        var untimed = _times.IndexOf(long.MaxValue);
        if (untimed >= 0)
        {
            _errors.Add($"row {untimed + 1} has no time in '{_timestampColumn}'; a forecast places every row at its time");
            return (null, []);
        }

        if ((long)steps.Length * seriesNames.Length > MaxRows)
        {
            _errors.Add($"its {steps.Length} steps of {seriesNames.Length} series make more than {MaxRows:N0} cells");
            return (null, []);
        }

        var stepOf = new Dictionary<long, int>(steps.Length);
        for (var i = 0; i < steps.Length; i++)
        {
            stepOf[steps[i]] = i;
        }

        var cells = new int[steps.Length * seriesNames.Length];
        Array.Fill(cells, -1);
        for (var row = 0; row < _targets.Count; row++)
        {
            var s = 0;
            if (series is { } column)
            {
                var value = column.Values[row];
                if (double.IsNaN(value))
                {
                    _errors.Add($"row {row + 1} has no value in the series column '{column.Feature.Name}'");
                    return (null, []);
                }

                s = (int)value;
            }

            var step = stepOf[_times[row]];
            var cell = step * seriesNames.Length + s;
            if (cells[cell] >= 0)
            {
                _errors.Add(series is null
                    ? $"rows {cells[cell] + 1} and {row + 1} are both at {Time(steps[step])}; a forecast needs one row per step of each series: name the column that tells the series apart in forecast.series"
                    : $"rows {cells[cell] + 1} and {row + 1} both give series '{seriesNames[s]}' at {Time(steps[step])}; a forecast needs one row per step of each series");
                return (null, []);
            }

            cells[cell] = row;
        }

        var missing = Array.IndexOf(cells, -1);
        if (missing >= 0)
        {
            var step = missing / seriesNames.Length;
            _errors.Add(series is null
                ? $"it has no row at {Time(steps[step])}"
                : $"series '{seriesNames[missing % seriesNames.Length]}' has no row at {Time(steps[step])} (step {step + 1} of {steps.Length}); a forecast needs every series at every step");
            return (null, []);
        }

        return (new DatasetGrid(series?.Feature.Name, [.. seriesNames], steps), cells);
    }

    private static string Time(long ticks) => new DateTimeOffset(ticks, TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private ScenarioTarget? BuildTarget(out double[]? values)
    {
        values = null;
        var numeric = _targetKind is DatasetColumnKind.Number or DatasetColumnKind.Integer;
        var distinct = _targets.Distinct(StringComparer.Ordinal).ToList();
        var task = _task ?? (_targetKind == DatasetColumnKind.Number
            || (_targetKind == DatasetColumnKind.Integer && distinct.Count > MaxIntegerClasses)
                ? ScenarioTask.Regression
                : distinct.Count == 2 ? ScenarioTask.Binary : ScenarioTask.Multiclass);
        switch (task)
        {
            case ScenarioTask.Regression when !numeric:
                _errors.Add($"its target '{_targetName}' is {Describe(_targetKind)}, not numbers; regression needs a numeric target");
                return null;
            case ScenarioTask.Regression:
                values = [.. _targets.Select(t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture))];
                var decimals = _targets.Max(DecimalsOf);
                return new ScenarioTarget(_targetName, task, $"{_targetName}, as recorded in dataset {_datasetId}.", null, decimals, []);
            case ScenarioTask.Forecast when _time < 0:
                _errors.Add("a forecast needs its time column, and its roles name none; confirm the roles with a time column");
                return null;
            case ScenarioTask.Forecast when !numeric:
                _errors.Add($"its target '{_targetName}' is {Describe(_targetKind)}, not numbers; a forecast needs a numeric target");
                return null;
            case ScenarioTask.Forecast:
                values = [.. _targets.Select(t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture))];
                return new ScenarioTarget(_targetName, task, $"{_targetName}, as recorded in dataset {_datasetId}.", null, _targets.Max(DecimalsOf), []);
        }

        if (_targetKind is DatasetColumnKind.Text or DatasetColumnKind.Timestamp)
        {
            _errors.Add($"its target '{_targetName}' is {Describe(_targetKind)}; classes need a category, boolean or integer column");
            return null;
        }

        if (distinct.Count > MaxClasses)
        {
            _errors.Add($"its target '{_targetName}' has {distinct.Count} distinct values, more than the {MaxClasses} classes a scenario takes");
            return null;
        }

        if (task == ScenarioTask.Binary && distinct.Count != 2)
        {
            _errors.Add($"its target '{_targetName}' has {distinct.Count} distinct values; a binary task needs exactly two");
            return null;
        }

        if (task == ScenarioTask.Multiclass && distinct.Count < 3)
        {
            _errors.Add($"its target '{_targetName}' has {distinct.Count} distinct values; a multiclass task needs at least three (two are binary)");
            return null;
        }

        var classes = ClassOrder(distinct, numeric);
        var index = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => (double)x.i, StringComparer.Ordinal);
        values = [.. _targets.Select(t => index[t])];
        return new ScenarioTarget(_targetName, task, $"{_targetName}, as recorded in dataset {_datasetId}.", null, 0, [.. classes]);
    }

    /// <summary>Classes in numeric order when they are numbers (so 0 comes before 1, the positive class), otherwise ordinal.</summary>
    private static List<string> ClassOrder(List<string> distinct, bool numeric) => numeric
        ? [.. distinct.OrderBy(c => double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture)).ThenBy(c => c, StringComparer.Ordinal)]
        : [.. distinct.Order(StringComparer.Ordinal)];

    /// <summary>Stored row of each release position: by time when there is a time column, otherwise a seeded shuffle.</summary>
    private int[] Order(int count)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        if (_time >= 0)
        {
            var times = _times;
            Array.Sort(order, (a, b) => times[a] != times[b] ? times[a].CompareTo(times[b]) : a.CompareTo(b));
            return order;
        }

        var random = new RowRandom(RowRandom.KeyOf(_seed, ShufflePurpose));
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private static double[] Reorder(double[] values, int[] order)
    {
        var result = new double[values.Length];
        for (var i = 0; i < order.Length; i++)
        {
            result[i] = values[order[i]];
        }

        return result;
    }

    private static int DecimalsOf(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return 0;
        }

        var end = text.IndexOfAny(['e', 'E'], dot);
        return Math.Min(6, (end < 0 ? text.Length : end) - dot - 1);
    }

    private static string Describe(DatasetColumnKind kind) => kind switch
    {
        DatasetColumnKind.Number => "numbers",
        DatasetColumnKind.Integer => "integers",
        DatasetColumnKind.Boolean => "true/false",
        DatasetColumnKind.Timestamp => "times",
        DatasetColumnKind.Category => "categories",
        _ => "free text",
    };

    /// <summary>One feature column as it is read: numbers parsed, categories numbered as first seen.</summary>
    private sealed class Source(int column, string name, DatasetColumnKind kind)
    {
        private readonly List<double> _values = [];
        private readonly Dictionary<string, int> _categories = new(StringComparer.Ordinal);
        private int _decimals;

        public int Column => column;

        private bool IsNumber => kind is DatasetColumnKind.Number or DatasetColumnKind.Integer;

        public void Add(string text)
        {
            var value = text.Trim();
            if (DatasetValueText.IsMissing(value))
            {
                _values.Add(double.NaN);
            }
            else if (IsNumber)
            {
                _values.Add(DatasetValueText.TryParseNumber(value, out var number, out _) ? number : double.NaN);
                _decimals = Math.Max(_decimals, DecimalsOf(value));
            }
            else
            {
                if (kind == DatasetColumnKind.Boolean)
                {
                    value = value.ToLowerInvariant();
                }

                if (!_categories.TryGetValue(value, out var index))
                {
                    _categories[value] = index = _categories.Count;
                }

                _values.Add(index);
            }
        }

        public (ScenarioFeature Feature, double[] Values) Finish()
        {
            var values = _values.ToArray();
            if (IsNumber)
            {
                var present = values.Where(double.IsFinite).ToList();
                var (min, max) = present.Count == 0 ? (0.0, 0.0) : (present.Min(), present.Max());
                // Room for a recalibration or a unit change to take values past what was recorded.
                var room = Math.Max(1, max - min) * 10;
                return (ScenarioFeature.Number(name, $"{name}, as recorded.", null, _decimals, min - room, max + room), values);
            }

            var names = _categories.Keys.Order(StringComparer.Ordinal).ToArray();
            var remap = new double[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                remap[_categories[names[i]]] = i;
            }

            for (var r = 0; r < values.Length; r++)
            {
                if (!double.IsNaN(values[r]))
                {
                    values[r] = remap[(int)values[r]];
                }
            }

            return (ScenarioFeature.Category(name, $"{name}, as recorded.", [.. names]), values);
        }
    }
}
