using System.Text;
using PPipe.Scenarios.Output;

namespace PPipe.Scenarios.Generation;

/// <summary>
/// The data of one enrollment: every row is a pure function of (scenario seed, enrollment seed, stream,
/// row), so any release, batch or probe can be regenerated at any time, in any order, on any machine,
/// byte for byte. Different enrollment seeds get different rows of the same world (same concept, same
/// drift, same release sizes). Row timestamps are cohort start + scenario time. Thread-safe; readers are not.
/// <para>
/// A forecast's streams are cells of its (series, step) grid: a release holds every series at every step of its
/// window, a batch every series at each step of the horizon after its origin, and a probe a few series at steps
/// of that horizon (see <see cref="ForecastPlan"/>).
/// </para>
/// </summary>
public sealed class ScenarioGenerator
{
    private readonly CompiledScenario _compiled;

    public ScenarioGenerator(Scenario scenario, ulong enrollmentSeed, DateTimeOffset cohortStart)
    {
        Scenario = scenario;
        EnrollmentSeed = enrollmentSeed;
        CohortStart = cohortStart;
        _compiled = scenario.Compiled;
    }

    public Scenario Scenario { get; }

    public ulong EnrollmentSeed { get; }

    public DateTimeOffset CohortStart { get; }

    /// <summary>A stable seed from an enrollment's id (the same on every machine and run, unlike
    /// <see cref="string.GetHashCode()"/>).</summary>
    public static ulong SeedFor(string enrollmentId)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(enrollmentId))
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }

        return RowRandom.Mix(hash);
    }

    /// <summary>The labelled rows of release <paramref name="seq"/> (from 1): id, timestamp, features, target.</summary>
    public GeneratedRowReader OpenRelease(int seq)
    {
        var layout = _compiled.Layout;
        ArgumentOutOfRangeException.ThrowIfLessThan(seq, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seq, layout.Count);
        var plan = Scenario.Releases;
        return new GeneratedRowReader(
            _compiled,
            EnrollmentSeed,
            CohortStart,
            RowId.Release,
            layout.Slots(seq),
            window => (plan.TimeOf(window) - plan.Lag, plan.SpanOf(window)),
            plan.Rows,
            _compiled.Columns.At(plan.TimeOf(seq), ColumnSet.Release),
            noisyLabels: true,
            Scenario.Forecast is { } forecast ? new ForecastCells(GridCell(forecast), window => plan.TimeOf(window) - plan.Lag) : null);
    }

    /// <summary>The unlabelled rows of batch <paramref name="seq"/>: id, timestamp, features. The reader still
    /// knows each row's hidden truth (<see cref="GeneratedRowReader.Truth"/>) for scoring.</summary>
    public GeneratedRowReader OpenBatch(int seq) => Batch(seq, ColumnSet.Features);

    /// <summary>The true labels of batch <paramref name="seq"/>: id and target.</summary>
    public GeneratedRowReader OpenBatchLabels(int seq) => Batch(seq, ColumnSet.Labels);

    /// <summary>The rows of probe slot <paramref name="slot"/> (from 0): drawn from the concept at the slot's time.</summary>
    public GeneratedRowReader OpenProbe(long slot)
    {
        var plan = Scenario.Endpoint ?? throw new InvalidOperationException("The scenario has no endpoint requirement.");
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, plan.SlotCountWithin(Scenario.Duration));
        var at = plan.SlotTime(slot);
        var forecast = Scenario.Forecast;
        var origin = forecast is null ? at : OriginAt(at);
        var lead = forecast is null ? TimeSpan.Zero : forecast.Step * forecast.Horizon;
        return new GeneratedRowReader(
            _compiled,
            EnrollmentSeed,
            CohortStart,
            RowId.Probe,
            Slots((int)slot, plan.RowsPerProbe),
            _ => (origin + lead, lead),
            plan.RowsPerProbe,
            _compiled.Columns.At(at, ColumnSet.Features),
            noisyLabels: false,
            forecast is null ? null : new ForecastCells(row => ProbeCell(forecast, row), _ => origin));
    }

    /// <summary>The truth of every row of batch <paramref name="seq"/>, for scoring a submission.</summary>
    public IReadOnlyList<RowTruth> BatchTruth(int seq) => Truths(OpenBatchLabels(seq));

    /// <summary>The truth of every row of probe slot <paramref name="slot"/>, in the order the rows were sent.</summary>
    public IReadOnlyList<RowTruth> ProbeTruth(long slot) => Truths(OpenProbe(slot));

    private GeneratedRowReader Batch(int seq, ColumnSet set)
    {
        var plan = Scenario.Batches ?? throw new InvalidOperationException("The scenario has no batches.");
        ArgumentOutOfRangeException.ThrowIfLessThan(seq, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seq, plan.CountWithin(Scenario.Duration));
        // A forecast batch asks for the horizon after the latest release before it opens; any other batch covers its cadence.
        var forecast = Scenario.Forecast;
        var horizon = forecast is null ? TimeSpan.Zero : forecast.Step * forecast.Horizon;
        Func<int, TimeSpan> originOf = window => OriginAt(plan.OpensAt(window));
        Func<int, (TimeSpan, TimeSpan)> windowOf = forecast is null
            ? window => (plan.OpensAt(window), plan.Cadence)
            : window => (originOf(window) + horizon, horizon);
        return new GeneratedRowReader(
            _compiled,
            EnrollmentSeed,
            CohortStart,
            RowId.Batch,
            Slots(seq, plan.Rows),
            windowOf,
            plan.Rows,
            _compiled.Columns.At(plan.OpensAt(seq), set),
            noisyLabels: false,
            forecast is null ? null : new ForecastCells(GridCell(forecast), originOf));
    }

    /// <summary>Release and batch rows go series by series within each step: row i is series i mod S at step i / S.</summary>
    private static Func<RowSlot, (int Series, int Step)> GridCell(ForecastPlan forecast)
    {
        var count = forecast.Series.Length;
        return row => (row.Index % count, row.Index / count);
    }

    /// <summary>A probe's rows take the series in turn (starting one further each slot) at steps of the horizon drawn
    /// from the scenario seed, so probes ask about every series and every lead time.</summary>
    private (int Series, int Step) ProbeCell(ForecastPlan forecast, RowSlot row) =>
        ((row.Seq + row.Index) % forecast.Series.Length,
            (int)(RowRandom.KeyOf(Scenario.Seed, (ulong)row.Seq, (ulong)row.Index) % (ulong)forecast.Horizon));

    /// <summary>The origin of forecasts made at <paramref name="at"/>; validation made sure a release precedes every batch and probe.</summary>
    private TimeSpan OriginAt(TimeSpan at) =>
        ForecastPlan.OriginAt(Scenario.Releases, at) ?? throw new InvalidOperationException($"No release precedes {at}; a forecast needs history first.");

    private static IEnumerable<RowSlot> Slots(int seq, int rows)
    {
        for (var i = 0; i < rows; i++)
        {
            yield return new RowSlot(seq, i);
        }
    }

    private static List<RowTruth> Truths(GeneratedRowReader reader)
    {
        var truths = new List<RowTruth>();
        while (reader.Read())
        {
            truths.Add(reader.Truth);
        }

        return truths;
    }
}
