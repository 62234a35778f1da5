using PPipe.Simulation.Learning;

namespace PPipe.Simulation.Students;

/// <summary>Pace and habits of a simulated student. Wall-clock durations unless said otherwise.</summary>
public sealed class SimulatedStudentOptions
{
    /// <summary>How often the student looks for new releases and batches.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>What the student fits its models with, whatever its archetype: a linear model by default, or gradient-boosted trees.</summary>
    public LearnerKind Learner { get; set; } = LearnerKind.Linear;

    /// <summary>How many of the latest releases a diligent student trains on (and how many the first, frozen
    /// model of <see cref="StudentArchetype.TrainsOnce"/> sees).</summary>
    public int WindowReleases { get; set; } = 3;

    /// <summary>The most rows <see cref="StudentArchetype.RetrainsEveryRelease"/> trains on (the most recent ones).</summary>
    public int MaxTrainingRows { get; set; } = 30_000;

    /// <summary>How long after the due time <see cref="StudentArchetype.SubmitsLate"/> submits, in scenario time.</summary>
    public TimeSpan LateBy { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The share of calls a <see cref="StudentArchetype.FlakyEndpoint"/> fails.</summary>
    public double FlakyFailureRate { get; set; } = 0.3;

    /// <summary>How long a <see cref="StudentArchetype.SlowEndpoint"/> takes to answer.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromMilliseconds(600);

    /// <summary>How long a <see cref="StudentArchetype.RedeploysWithDowntime"/> endpoint answers 503 after each switch to a new model.</summary>
    public TimeSpan RedeployDowntime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many releases beyond the newest it trained on an <see cref="StudentArchetype.InflatedLineage"/> student claims.</summary>
    public int LineageInflation { get; set; } = 2;

    /// <summary>How far a column's mean must move from its mean over the previous <see cref="WindowReleases"/> releases,
    /// in standard errors, for a monitoring student to report a drift...</summary>
    public double DriftThreshold { get; set; } = 4;

    /// <summary>...and at least how far, in standard deviations of the column (so that a large release's tiny wobble is no drift).</summary>
    public double DriftMinEffect { get; set; } = 0.18;

    /// <summary>The drift threshold of a <see cref="StudentArchetype.FalseAlarmer"/>, in standard errors (with no minimum effect).</summary>
    public double FalseAlarmerThreshold { get; set; } = 1.5;

    /// <summary>Every how many releases a <see cref="StudentArchetype.FalseAlarmer"/> also reports a problem nothing showed.</summary>
    public int FalseAlarmerBaselessEvery { get; set; } = 5;

    /// <summary>The longest wait between attempts after repeated failures (a <c>Retry-After</c> is honoured up to 10 minutes).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the student re-reads <c>/api/v1/me</c> (the clock changes when a cohort is paused).</summary>
    public TimeSpan EnrollmentRefresh { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long after the scenario's end <see cref="SimulatedStudent.RunAsync"/> returns.</summary>
    public TimeSpan StopAfterEnd { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit on one HTTP request to the platform.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
