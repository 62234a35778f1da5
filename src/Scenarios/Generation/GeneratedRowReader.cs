using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Output;
using PPipe.Scenarios.Templates;

namespace PPipe.Scenarios.Generation;

/// <summary>
/// Generates a stream's rows one at a time. Besides the published values it knows each row's truth:
/// the <see cref="Actual"/> outcome, the <see cref="Oracle"/> (the true concept at the row's time) and the
/// <see cref="Stale"/> prediction (the concept before any drift). Not thread-safe; cheap to open.
/// <para>
/// In a forecast stream (see <see cref="ForecastCells"/>) each row is one series at one step, and its random draws
/// are keyed by that cell rather than by the stream, so a value a batch asks for is the value a later release
/// publishes and a probe's history shows.
/// </para>
/// </summary>
public sealed class GeneratedRowReader : RowReader
{
    private const ulong TimePurpose = 1;
    private const ulong FeaturePurpose = 2;
    private const ulong LabelPurpose = 3;
    private const ulong NoisePurpose = 4;
    private const ulong MissingPurpose = 5;
    private const ulong AddedPurpose = 6;
    private const ulong SeriesStream = 0x534552494553;
    private const ulong ScalePurpose = 0x5343414C45;

    /// <summary>Over a dataset, each student's series are the recorded ones times a factor of their own, from 1/this to this.</summary>
    public const double MaxSeriesFactor = 1.25;

    private const double LogMaxSeriesFactor = 0.22314355131420976; // ln 1.25, written out so every machine uses the same value

    private readonly CompiledScenario _compiled;
    private readonly IScenarioWorld _world;
    private readonly DatasetWorld? _recorded;
    private readonly DatasetGrid? _grid;
    private readonly TimeSpan _gridStart;
    private readonly IEnumerator<RowSlot> _slots;
    private readonly Func<int, (TimeSpan End, TimeSpan Span)> _window;
    private readonly int _rowsPerWindow;
    private readonly ulong _streamKey;
    private readonly long _originTicks;
    private readonly long _resolutionTicks;
    private readonly char _kind;
    private readonly bool _noisyLabels;
    private readonly Metric _metric;
    private readonly RowSampler _sampler;
    private readonly double[] _effects;
    private readonly double[] _observed;
    private readonly double[] _seen;
    private readonly double[] _staleEffects;
    private readonly double[] _added;
    private readonly IReadOnlyList<Column> _columns;
    private readonly ForecastCells? _cells;
    private readonly ForecastPlan? _forecast;
    private readonly ulong _seriesKey;
    private readonly Dictionary<(int Series, long Origin), double> _scales = [];
    private readonly Dictionary<(int Series, long Origin), ProbeHistory> _histories = [];
    private double[]? _seriesFactors;
    private RowSampler? _historySampler;
    private double[]? _historyEffects;

    private RowId _id;
    private RowTime _time;
    private ulong _rowKey;
    private bool _hasActual;
    private bool _recalibrated;
    private bool _hasStaleEffects;
    private double _actual;
    private int _series = -1;
    private int _step = -1;
    private TimeSpan _origin;

    internal GeneratedRowReader(
        CompiledScenario compiled,
        ulong enrollmentSeed,
        DateTimeOffset origin,
        char kind,
        IEnumerable<RowSlot> slots,
        Func<int, (TimeSpan End, TimeSpan Span)> window,
        int rowsPerWindow,
        IReadOnlyList<Column> columns,
        bool noisyLabels,
        ForecastCells? cells = null)
    {
        _compiled = compiled;
        _world = compiled.World;
        _recorded = compiled.World as DatasetWorld;
        _grid = compiled.Scenario.Forecast is null ? null : _recorded?.Table.Grid;
        _gridStart = compiled.Scenario.Releases.WindowStartOf(1);
        _slots = slots.GetEnumerator();
        _window = window;
        _rowsPerWindow = rowsPerWindow;
        _streamKey = RowRandom.KeyOf(compiled.Scenario.Seed, enrollmentSeed, kind);
        _originTicks = origin.UtcTicks;
        _resolutionTicks = _world.TimestampResolution.Ticks;
        _kind = kind;
        _noisyLabels = noisyLabels;
        _metric = compiled.Scenario.Metric;
        _sampler = new RowSampler(compiled);
        _effects = new double[compiled.Concept.EffectCount];
        _observed = new double[compiled.Features.Length];
        _seen = new double[compiled.Features.Length];
        _staleEffects = new double[compiled.Concept.EffectCount];
        _added = new double[compiled.Synthetic.Length];
        _columns = columns;
        _cells = cells;
        _forecast = compiled.Scenario.Forecast;
        _seriesKey = RowRandom.KeyOf(compiled.Scenario.Seed, enrollmentSeed, SeriesStream);
    }

    public override IReadOnlyList<Column> Columns => _columns;

    public override RowId Id => _id;

    /// <summary>The row's time: cohort start + scenario time, or, for a forecast over a dataset, the cell's recorded time.</summary>
    public override DateTimeOffset Timestamp => _grid is { } grid && _step >= 0 ? grid.TimeOf(_step) : _time.Timestamp;

    /// <summary>The row's scenario time, as elapsed since the cohort start.</summary>
    public TimeSpan Elapsed => _time.Elapsed;

    /// <summary>The actual outcome: the value (rounded as published) or the class index. In releases it
    /// includes label noise; in batches and probes it is the true label.</summary>
    public double Actual
    {
        get
        {
            if (!_hasActual)
            {
                _actual = Realize();
                _hasActual = true;
            }

            return _actual;
        }
    }

    /// <summary>The actual outcome as published: a class label or a number.</summary>
    public string ActualText => _compiled.Scenario.Target.Format(Actual);

    /// <summary>The true concept's best prediction for this row at its time.</summary>
    public ConceptOutput Oracle => _recorded is { } recorded
        ? Scaled(recorded.OracleOf(_sampler.SourceRow))
        : _compiled.Concept.Expected(_effects, _time.Elapsed);

    /// <summary>The pre-drift concept's prediction: a model trained before any drift and never retrained. It reads
    /// the published values, so a recalibrated sensor misleads it as it would a real model.</summary>
    public ConceptOutput Stale
    {
        get
        {
            if (_recorded is { } recorded)
            {
                return Scaled(recorded.StaleOf(_sampler.SourceRow));
            }

            if (!_recalibrated)
            {
                return _compiled.Concept.Stale(_effects);
            }

            if (!_hasStaleEffects)
            {
                _compiled.Concept.Effects(_seen, _time, _staleEffects);
                _hasStaleEffects = true;
            }

            return _compiled.Concept.Stale(_staleEffects);
        }
    }

    /// <summary>Scoring data for this row under the scenario's metric.</summary>
    public RowTruth Truth => new(_id, Actual, Oracle.PredictionFor(_metric), Stale.PredictionFor(_metric), _metric == Metric.Mase ? Scale : 1);

    /// <summary>In a forecast stream, the index of the row's series; -1 otherwise.</summary>
    public int Series => _series;

    /// <summary>In a forecast stream, where the row's window forecasts from: the end of the history released before it.</summary>
    public TimeSpan Origin => _origin;

    /// <summary>
    /// MASE's scale for this row: the seasonal-naive error of its series over the <see cref="ForecastPlan.ScaleSteps"/>
    /// values released before its <see cref="Origin"/> (as released, label noise included; fewer when less was released,
    /// which validation keeps to at least a season and a step). NaN outside a forecast stream.
    /// </summary>
    public double Scale
    {
        get
        {
            if (_forecast is not { } plan || _series < 0)
            {
                return double.NaN;
            }

            if (!_scales.TryGetValue((_series, _origin.Ticks), out var scale))
            {
                var history = Released(_series, plan.ScaleSteps);
                scale = _scales[(_series, _origin.Ticks)] = Scoring.MetricScore.SeasonalNaiveScale(history, plan.Season);
            }

            return scale;
        }
    }

    /// <summary>
    /// In a forecast probe, the <see cref="ForecastPlan.ContextSteps"/> values of the row's series released before its
    /// <see cref="Origin"/> (fewer when less was released), as releases publish them.
    /// </summary>
    public override ProbeHistory? History
    {
        get
        {
            if (_kind != RowId.Probe || _forecast is not { } plan || _series < 0)
            {
                return null;
            }

            if (!_histories.TryGetValue((_series, _origin.Ticks), out var history))
            {
                var last = _grid is { } grid ? grid.TimeOf(GridStep(_origin - plan.Step)) : TimeAt(_origin - plan.Step).Timestamp;
                history = _histories[(_series, _origin.Ticks)] = new ProbeHistory(last, Released(_series, plan.ContextSteps));
            }

            return history;
        }
    }

    /// <summary>The last <paramref name="steps"/> values of a series before the row's origin, or all of them since the first release's window.</summary>
    private double[] Released(int series, int steps)
    {
        var step = _forecast!.Step;
        var first = _compiled.Scenario.Releases.WindowStartOf(1);
        var available = (int)Math.Min(steps, (_origin - first).Ticks / step.Ticks);
        return SeriesValues(series, _origin - step * available, available);
    }

    /// <summary>
    /// The values of one series at <paramref name="count"/> steps from <paramref name="from"/> (scenario time) on, as
    /// releases publish them: what a probe sends as history and what MASE's scale is computed from.
    /// </summary>
    public double[] SeriesValues(int series, TimeSpan from, int count)
    {
        var plan = _forecast ?? throw new InvalidOperationException("The scenario is not a forecast.");
        _historySampler ??= new RowSampler(_compiled);
        _historyEffects ??= new double[_compiled.Concept.EffectCount];
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var nominal = from + plan.Step * i;
            var (key, time) = Cell(series, nominal);
            _historySampler.Begin(new RowRandom(key).Fork(FeaturePurpose), time, series, step: GridStep(nominal));
            _world.Sample(_historySampler);
            _compiled.Concept.Effects(_historySampler.Values, time, _historyEffects);
            values[i] = Realize(key, _historyEffects, time, noisyLabels: true, _historySampler.SourceRow, series);
        }

        return values;
    }

    /// <summary>What the true concept at another time <paramref name="t"/> would predict for this row's features.</summary>
    public ConceptOutput OracleAt(TimeSpan t) => _compiled.Concept.Expected(_effects, t);

    public override bool Read()
    {
        if (!_slots.MoveNext())
        {
            return false;
        }

        var slot = _slots.Current;
        _id = new RowId(_kind, slot.Seq, slot.Index);
        var (end, span) = _window(slot.Seq);
        RowRandom random;
        if (_cells is { } cells)
        {
            var (series, step) = cells.Cell(slot);
            var nominal = end - span + _forecast!.Step * step;
            (_rowKey, _time) = Cell(series, nominal);
            _series = series;
            _step = GridStep(nominal);
            _origin = cells.Origin(slot.Seq);
            random = new RowRandom(_rowKey);
        }
        else
        {
            _rowKey = RowRandom.KeyOf(_streamKey, (ulong)slot.Seq, (ulong)slot.Index);
            random = new RowRandom(_rowKey);
            var elapsed = end;
            if (span > TimeSpan.Zero)
            {
                // Stratified over the window, so rows come out in time order.
                var position = (slot.Index + random.Fork(TimePurpose).NextDouble()) / _rowsPerWindow;
                elapsed = end - span + TimeSpan.FromTicks((long)(position * span.Ticks));
            }

            _time = TimeAt(elapsed);
        }

        _sampler.Begin(random.Fork(FeaturePurpose), _time, _series, _kind, _step);
        _world.Sample(_sampler);
        _compiled.Concept.Effects(_sampler.Values, _time, _effects);
        Observe();
        _hasActual = false;
        _hasStaleEffects = false;
        return true;
    }

    public override double GetValue(int column)
    {
        var definition = _columns[column];
        return definition.Role switch
        {
            ColumnRole.Feature => _observed[definition.Source],
            ColumnRole.Added => _added[definition.Source],
            ColumnRole.Target => Actual,
            _ => double.NaN,
        };
    }

    private void Observe()
    {
        var values = _sampler.Values;
        var t = _time.Elapsed;
        _recalibrated = false;
        for (var f = 0; f < _observed.Length; f++)
        {
            var value = values[f];
            var recalibrations = _compiled.Recalibrations[f];
            if (recalibrations.Length > 0)
            {
                foreach (var recalibration in recalibrations)
                {
                    if (recalibration.At <= t)
                    {
                        value += recalibration.Shift;
                        _recalibrated = true;
                    }
                }

                var feature = _compiled.Features[f];
                value = Math.Clamp(value, feature.Min, feature.Max);
            }

            _observed[f] = _seen[f] = value;
        }

        var missing = _compiled.Missing;
        for (var q = 0; q < missing.Length; q++)
        {
            if (!missing[q].IsActiveAt(t))
            {
                continue;
            }

            var covers = _compiled.MissingCovers[q];
            for (var f = 0; f < _observed.Length; f++)
            {
                if (covers[f] && RowRandom.UnitOf(RowRandom.KeyOf(_rowKey, MissingPurpose + (ulong)q * 0x100, (ulong)f)) < missing[q].Rate)
                {
                    _observed[f] = double.NaN;
                }
            }
        }

        var synthetic = _compiled.Synthetic;
        for (var a = 0; a < synthetic.Length; a++)
        {
            var random = new RowRandom(RowRandom.KeyOf(_rowKey, AddedPurpose, (ulong)a));
            var column = synthetic[a];
            _added[a] = column.Values.IsDefaultOrEmpty
                ? column.Mean + column.Sd * random.NextNormal()
                : random.NextInt(column.Values.Length);
        }
    }

    /// <summary>The row time of scenario time <paramref name="elapsed"/>: floored to the world's resolution on the calendar.</summary>
    private RowTime TimeAt(TimeSpan elapsed)
    {
        var absolute = _originTicks + elapsed.Ticks;
        absolute -= ((absolute % _resolutionTicks) + _resolutionTicks) % _resolutionTicks;
        return new RowTime(TimeSpan.FromTicks(absolute - _originTicks), absolute);
    }

    /// <summary>The random key and time of a forecast cell: keyed by the series and the calendar step, whichever stream asks.</summary>
    private (ulong Key, RowTime Time) Cell(int series, TimeSpan elapsed)
    {
        var time = TimeAt(elapsed);
        return (RowRandom.KeyOf(_seriesKey, (ulong)series, (ulong)(time.UtcTicks / _resolutionTicks)), time);
    }

    /// <summary>
    /// A forecast cell's step on the grid, counted from the start of the first release's window; -1 outside a forecast over
    /// a dataset. Cells lie on whole steps from there (validation keeps cadence and history to whole steps).
    /// </summary>
    private int GridStep(TimeSpan nominal) => _grid is null ? -1 : (int)((nominal - _gridStart).Ticks / _forecast!.Step.Ticks);

    /// <summary>
    /// Over a dataset, the factor a student's copy of <paramref name="series"/> is scaled by (1 outside a forecast there): the
    /// shape is the recorded one, MASE and sMAPE do not change with it, and one student's forecasts fit no one else's data.
    /// </summary>
    private double SeriesFactor(int series)
    {
        if (_grid is null || series < 0)
        {
            return 1;
        }

        // Worked out once per reader for every series (at most 1,000): a release asks for it at every cell.
        return (_seriesFactors ??= Factors(_grid.Series.Length))[series];
    }

    private double[] Factors(int count)
    {
        var factors = new double[count];
        for (var series = 0; series < count; series++)
        {
            factors[series] = PortableMath.Exp((RowRandom.UnitOf(RowRandom.KeyOf(_seriesKey, ScalePurpose, (ulong)series)) * 2 - 1) * LogMaxSeriesFactor);
        }

        return factors;
    }

    private ConceptOutput Scaled(ConceptOutput output)
    {
        var factor = SeriesFactor(_series);
        return factor == 1 ? output : output with { Value = output.Value * factor };
    }

    private double Realize() => Realize(_rowKey, _effects, _time, _noisyLabels, _sampler.SourceRow, _series);

    private double Realize(ulong rowKey, ReadOnlySpan<double> effects, RowTime time, bool noisyLabels, int sourceRow, int series)
    {
        var random = new RowRandom(RowRandom.KeyOf(rowKey, LabelPurpose));
        var target = _compiled.Scenario.Target;
        var t = time.Elapsed;
        var value = _recorded is { } recorded
            ? recorded.Table.TargetOf(sourceRow) * SeriesFactor(series)
            : _compiled.Concept.Realize(effects, t, ref random, _world.NoiseSd);
        if (noisyLabels)
        {
            foreach (var noise in _compiled.LabelNoise)
            {
                var noisy = new RowRandom(RowRandom.KeyOf(rowKey, NoisePurpose));
                if (noise.IsActiveAt(t) && noisy.NextDouble() < noise.Rate)
                {
                    value = target.IsNumeric
                        ? value * PortableMath.Exp((noisy.NextDouble() * 2 - 1) * 1.3862943611198906) // a factor in [1/4, 4]
                        : (value + 1 + noisy.NextInt(target.Classes.Length - 1)) % target.Classes.Length;
                    break;
                }
            }
        }

        return target.IsNumeric ? Math.Round(value, target.Decimals, MidpointRounding.AwayFromZero) : value;
    }
}
