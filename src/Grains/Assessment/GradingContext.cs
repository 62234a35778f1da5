using PPipe.Scenarios;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Assessment;

/// <summary>The grading input with what several criteria derive from it worked out once: scenario time now,
/// outcomes by batch, the batches whose quality can be shown, each probe bucket's quality, and when the endpoint was
/// first there.</summary>
internal sealed class GradingContext
{
    private readonly Dictionary<int, BatchOutcome> _outcomes = [];
    private List<JudgedBatch>? _judgedBatches;
    private double[]? _bucketQualities;

    public GradingContext(GradingInput input)
    {
        Input = input;
        var now = input.Clock.ElapsedAt(input.Now);
        Now = now > Scenario.Duration ? Scenario.Duration : now;
        foreach (var outcome in input.Batches)
        {
            _outcomes[outcome.Seq] = outcome;
        }

        TimeSpan? registered = input.EndpointRegisteredAt is { } at ? input.Clock.ElapsedAt(at) : null;
        if (input.Probes.FirstProbeAt is { } first && (registered is null || first < registered))
        {
            registered = first;
        }

        EndpointRegisteredFrom = registered;
    }

    public GradingInput Input { get; }

    public Scenario Scenario => Input.Schedule.Scenario;

    public ScenarioSchedule Schedule => Input.Schedule;

    public Metric Metric => Scenario.Metric;

    /// <summary>Scenario time at the input's wall time, at most the end of the scenario.</summary>
    public TimeSpan Now { get; }

    public ProbeLedger Probes => Input.Probes;

    /// <summary>Scenario time the endpoint was first registered (or first probed, if that is earlier); null when never.</summary>
    public TimeSpan? EndpointRegisteredFrom { get; }

    public bool IsDeployed => Input.EndpointUrl is not null || EndpointRegisteredFrom is not null;

    /// <summary>The longest of the release cadence, the batch cadence and the probe bucket width: how long it takes for each kind of evidence to come in.</summary>
    public TimeSpan LongestCadence
    {
        get
        {
            var longest = Scenario.Releases.Cadence;
            if (Scenario.Batches is { } plan && plan.Cadence > longest)
            {
                longest = plan.Cadence;
            }

            return Probes.BucketWidth > longest ? Probes.BucketWidth : longest;
        }
    }

    public TimeSpan Elapsed(DateTimeOffset wall) => Input.Clock.ElapsedAt(wall);

    public BatchOutcome? Outcome(int seq) => _outcomes.GetValueOrDefault(seq);

    /// <summary>
    /// Batches whose labels are out by now (a grade never tells more about a batch than its labels would) and
    /// that are scored, or that closed without any submission; in seq order.
    /// </summary>
    public IReadOnlyList<JudgedBatch> JudgedBatches => _judgedBatches ??= FindJudgedBatches();

    /// <summary>
    /// The probe quality on the <see cref="QualityScale"/> of the bucket at <paramref name="position"/> in
    /// <see cref="ProbeLedger.Buckets"/>; null without scored rows. Worked out for every bucket at the first call and kept:
    /// endpoint quality reads every bucket and its weakest stretch again, adaptation the buckets of each change, lineage
    /// those after each change.
    /// </summary>
    public double? BucketQuality(int position)
    {
        var bucket = Probes.Buckets[position];
        return bucket.Rows > 0 ? (_bucketQualities ??= BucketQualities())[position] : null;
    }

    private double[] BucketQualities()
    {
        var buckets = Probes.Buckets;
        var qualities = new double[buckets.Count];
        for (var i = 0; i < qualities.Length; i++)
        {
            var bucket = buckets[i];
            if (bucket.Rows > 0)
            {
                qualities[i] = QualityScale.OfLosses(Metric, bucket.LossSum / bucket.Rows, bucket.StaleLossSum / bucket.Rows, bucket.OracleLossSum / bucket.Rows);
            }
        }

        return qualities;
    }

    private List<JudgedBatch> FindJudgedBatches()
    {
        var judged = new List<JudgedBatch>();
        foreach (var batch in Schedule.Batches)
        {
            if (batch.DueAt > Now || batch.LabelsAt > Now)
            {
                continue;
            }

            var outcome = Outcome(batch.Seq);
            if (outcome is { Scored: true })
            {
                judged.Add(new JudgedBatch(batch, outcome, QualityOf(outcome)));
            }
            else if (outcome is null || outcome.Submissions == 0)
            {
                // Its labels are out, so it takes no more work under any policy or extension.
                judged.Add(new JudgedBatch(batch, outcome, 0));
            }
        }

        return judged;
    }

    private double QualityOf(BatchOutcome outcome)
    {
        if (outcome.Score is { } score && outcome.Stale is { } stale && outcome.Oracle is { } oracle)
        {
            return QualityScale.OfScores(Metric, score, stale, oracle) * (1 - Math.Clamp(outcome.Penalty, 0, 1));
        }

        return outcome.Relative is { } relative && double.IsFinite(relative) ? Math.Clamp(relative, 0, 1) : 0;
    }
}
