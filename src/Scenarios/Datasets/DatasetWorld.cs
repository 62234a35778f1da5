using System.Collections.Immutable;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;
using PPipe.Scenarios.Templates;

namespace PPipe.Scenarios.Datasets;

/// <summary>
/// A world whose rows are a dataset's recorded rows. A row at scenario time <c>t</c> is drawn from the rows whose
/// release-order position lies near <c>t</c> on the timeline (a neighbourhood about one release wide), from the rows
/// releases may publish for a release and from the held-out rows for a batch or a probe, with the row's own seeded
/// random numbers — so each student gets a different sample of the same period. Covariate and label shift re-weight the
/// draw: among <see cref="Candidates"/> rows of the neighbourhood, one is picked with weights that tilt a feature's
/// mean by the shift (exponential tilting) or multiply a class's share. The truth is the recorded target, and the
/// oracle and stale predictions are the reference models' (<see cref="DatasetTable.WithReferences"/>). A forecast's rows
/// are not drawn: each cell of the (series, step) grid is the dataset's row there (<see cref="DatasetGrid"/>).
/// </summary>
internal sealed class DatasetWorld(DatasetTable table) : IScenarioWorld
{
    /// <summary>Rows drawn as candidates when a shift re-weights the draw.</summary>
    public const int Candidates = 8;

    private const int MinNeighbourhood = 8;

    private Neighbourhoods? _neighbourhoods;

    public DatasetTable Table => table;

    public string TimestampColumn => table.TimestampColumn;

    public TimeSpan TimestampResolution => TimeSpan.FromSeconds(1);

    public ImmutableArray<ScenarioFeature> Features => table.Features;

    public ScenarioTarget Target => table.Target;

    public ImmutableArray<ConceptEffect> Effects => [];

    public double NoiseSd => 0;

    public ConceptOutput OracleOf(int row) => table.OracleOf(row);

    public ConceptOutput StaleOf(int row) => table.StaleOf(row);

    public void Sample(RowSampler row)
    {
        var chosen = table.Grid is { } grid && row.Step >= 0 ? Cell(grid, row) : Drawn(row);

        for (var f = 0; f < table.Features.Length; f++)
        {
            var value = table.ValueOf(f, chosen);
            if (table.Features[f].Kind == FeatureKind.Category && !double.IsNaN(value))
            {
                row.Category(f, (int)value);
            }
            else
            {
                row.Record(f, value);
            }
        }

        row.SourceRow = chosen;
    }

    /// <summary>A forecast's cell is the one recorded row of its series at its step (validation keeps steps within the grid).</summary>
    private static int Cell(DatasetGrid grid, RowSampler row)
    {
        if (row.Step >= grid.StepCount)
        {
            throw new InvalidOperationException($"Step {row.Step} is past the dataset's {grid.StepCount} recorded steps.");
        }

        return grid.RowOf(Math.Max(0, row.Series), row.Step);
    }

    private int Drawn(RowSampler row)
    {
        var compiled = row.Compiled;
        var neighbourhoods = _neighbourhoods ??= new Neighbourhoods(table, compiled.Scenario);
        var rows = row.Stream == RowId.Release ? table.Released : table.Held;
        var (from, count) = neighbourhoods.Around(rows.Length, row.Time.Elapsed, compiled.Scenario.Duration);
        var t = row.Time.Elapsed;
        return IsShifted(compiled, t)
            ? Weighted(row, rows, from, count, compiled, t)
            : rows[from + Math.Min(count - 1, (int)(row.Uniform() * count))];
    }

    /// <summary>Rows are recorded, not computed: there are no effects to evaluate.</summary>
    public void Evaluate(ReadOnlySpan<double> values, RowTime time, Span<double> effects)
    {
    }

    private static bool IsShifted(CompiledScenario compiled, TimeSpan t)
    {
        foreach (var shift in compiled.LabelShifts)
        {
            if (t >= shift.At)
            {
                return true;
            }
        }

        foreach (var shifts in compiled.Shifts)
        {
            foreach (var shift in shifts)
            {
                if (t >= shift.At)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private int Weighted(RowSampler row, ImmutableArray<int> rows, int from, int count, CompiledScenario compiled, TimeSpan t)
    {
        Span<int> candidates = stackalloc int[Candidates];
        Span<double> weights = stackalloc double[Candidates];
        for (var c = 0; c < Candidates; c++)
        {
            var candidate = rows[from + Math.Min(count - 1, (int)(row.Uniform() * count))];
            candidates[c] = candidate;
            var log = 0.0;
            for (var f = 0; f < compiled.Shifts.Length; f++)
            {
                foreach (var shift in compiled.Shifts[f])
                {
                    var value = table.ValueOf(f, candidate);
                    var (mean, variance) = _neighbourhoods!.Moments(f);
                    if (!double.IsNaN(value) && variance > 0)
                    {
                        // Tilting a normal distribution by exp(λx) moves its mean by λσ²: λ = shift / σ².
                        log += shift.AmountAt(t) / variance * (value - mean);
                    }
                }
            }

            var weight = Math.Exp(Math.Clamp(log, -30, 30));
            foreach (var shift in compiled.LabelShifts)
            {
                weight *= shift.FactorAt(t, (int)table.TargetOf(candidate));
            }

            weights[c] = weight;
        }

        return candidates[row.Pick(weights)];
    }

    /// <summary>How many rows around a time a row is drawn from, and each feature's mean and variance (for tilting).</summary>
    private sealed class Neighbourhoods
    {
        private readonly int _releases;
        private readonly (double Mean, double Variance)[] _moments;

        public Neighbourhoods(DatasetTable table, Scenario scenario)
        {
            _releases = Math.Max(1, scenario.Releases.CountWithin(scenario.Duration));
            _moments = new (double, double)[table.Features.Length];
            for (var f = 0; f < table.Features.Length; f++)
            {
                double sum = 0, squares = 0;
                var n = 0;
                for (var r = 0; r < table.RowCount; r++)
                {
                    var value = table.ValueOf(f, r);
                    if (!double.IsNaN(value))
                    {
                        sum += value;
                        squares += value * value;
                        n++;
                    }
                }

                var mean = n == 0 ? 0 : sum / n;
                _moments[f] = (mean, n == 0 ? 0 : Math.Max(0, squares / n - mean * mean));
            }
        }

        public (double Mean, double Variance) Moments(int feature) => _moments[feature];

        /// <summary>The first index and count of the rows of a list (in release order) a row at <paramref name="t"/> draws from.</summary>
        public (int From, int Count) Around(int length, TimeSpan t, TimeSpan duration)
        {
            var width = Math.Min(length, Math.Max(MinNeighbourhood, length / _releases));
            var share = Math.Clamp(t.Ticks / (double)duration.Ticks, 0, 1);
            var center = (int)(share * length);
            var from = Math.Clamp(center - width / 2, 0, length - width);
            return (from, width);
        }
    }
}
