namespace PPipe.Scenarios.Generation;

/// <summary>
/// What a world uses to draw one row: random numbers from the row's own stream, the row's time, and
/// <see cref="Number"/> / <see cref="Category"/> to record feature values. Recording applies the drift and
/// quirks that change the world's values (covariate shift, a new category), so templates stay plain
/// descriptions of their domain. One instance is reused row after row by one reader.
/// </summary>
internal sealed class RowSampler
{
    private const ulong NewCategoryPurpose = 0x4E4557;

    private readonly CompiledScenario _compiled;
    private readonly double[] _values;
    private RowRandom _random;
    private RowRandom _categoryRandom;

    public RowSampler(CompiledScenario compiled)
    {
        _compiled = compiled;
        _values = new double[compiled.Features.Length];
    }

    public RowTime Time { get; private set; }

    /// <summary>The kind of stream the row is for (<see cref="Output.RowId.Release"/>, batch or probe).</summary>
    public char Stream { get; private set; }

    /// <summary>For a world over a dataset, the dataset row the row was drawn from; -1 otherwise.</summary>
    public int SourceRow { get; set; } = -1;

    /// <summary>The scenario being generated, with its drift indexed.</summary>
    public CompiledScenario Compiled => _compiled;

    /// <summary>For a forecast world, the index of the series (category of its series column) the row belongs to; -1 otherwise.</summary>
    public int Series { get; private set; } = -1;

    /// <summary>For a forecast stream, the row's step on the grid, counted from the start of the first release's window; -1 otherwise.</summary>
    public int Step { get; private set; } = -1;

    /// <summary>The true feature values recorded so far, by feature index.</summary>
    public ReadOnlySpan<double> Values => _values;

    public void Begin(RowRandom random, RowTime time, int series = -1, char stream = default, int step = -1)
    {
        Series = series;
        Step = step;
        Stream = stream;
        SourceRow = -1;
        _random = random;
        _categoryRandom = random.Fork(NewCategoryPurpose);
        Time = time;
    }

    /// <summary>A per-scenario constant in [0, 1): the same for every row and enrollment (weather phases...).</summary>
    public double WorldConstant(int index) => _compiled.WorldConstants[index];

    public double Uniform() => _random.NextDouble();

    public double Uniform(double min, double max) => min + (max - min) * _random.NextDouble();

    public double Normal(double mean, double sd) => mean + sd * _random.NextNormal();

    /// <summary>Log-normal with the given median and log-scale spread.</summary>
    public double LogNormal(double median, double sigma) => median * PortableMath.Exp(sigma * _random.NextNormal());

    public bool Chance(double probability) => _random.Chance(probability);

    /// <summary>An index drawn with the given (not necessarily normalised) weights.</summary>
    public int Pick(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var weight in weights)
        {
            total += weight;
        }

        var u = _random.NextDouble() * total;
        for (var i = 0; i < weights.Length - 1; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>Records a numeric feature: applies any covariate shift active at the row's time, then the
    /// feature's bounds. Returns the recorded value, for features that depend on it.</summary>
    public double Number(int feature, double value)
    {
        foreach (var shift in _compiled.Shifts[feature])
        {
            value += shift.AmountAt(Time.Elapsed);
        }

        var definition = _compiled.Features[feature];
        return _values[feature] = Math.Clamp(value, definition.Min, definition.Max);
    }

    /// <summary>Records a value as it is, without covariate shift or bounds: a recorded row's value (NaN when missing).</summary>
    public void Record(int feature, double value) => _values[feature] = value;

    /// <summary>Records a categorical feature by index: a new category active at the row's time takes over
    /// a share of rows. Returns the recorded index.</summary>
    public int Category(int feature, int index)
    {
        foreach (var (quirk, newIndex) in _compiled.NewCategories[feature])
        {
            // Drawn whether or not the quirk is active, so the draws of later rows do not depend on it.
            var chosen = _categoryRandom.Chance(quirk.Rate);
            if (chosen && quirk.IsActiveAt(Time.Elapsed))
            {
                index = newIndex;
                break;
            }
        }

        _values[feature] = index;
        return index;
    }
}
