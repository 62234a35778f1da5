namespace PPipe.Grains.Assessment;

/// <summary>
/// What happened to one batch (prediction window) of one enrollment. <see cref="Submissions"/> counts
/// accepted submissions (on time and late). Once the window closes the tick scores the submission that
/// counts (the last on-time one, else the last late one) and sets <see cref="Scored"/>: <see cref="Score"/>
/// is the scenario's metric on the student's predictions, <see cref="Oracle"/> and <see cref="Stale"/> the
/// true concept's and the never-retrained model's on the same rows, <see cref="Relative"/> where the student
/// lies between them (0 = stale, 1 = oracle) after the late <see cref="Penalty"/>. A window closed with no
/// submission is scored with no counted submission and a relative score of 0.
/// </summary>
/// <remarks>
/// Every enrollment keeps one per batch of its scenario, so the optional values are held compactly: instants as UTC
/// ticks (0 for none) and scores as doubles (NaN for none), 88 bytes an outcome instead of 176. The serialized form is
/// still the nullable properties, unchanged.
/// </remarks>
[GenerateSerializer, Alias("ppipe.BatchOutcome")]
internal sealed class BatchOutcome
{
    [NonSerialized] private long _lastOnTimeAt;
    [NonSerialized] private long _lastLateAt;
    [NonSerialized] private long _scoredAt;
    [NonSerialized] private double _score = double.NaN;
    [NonSerialized] private double _oracle = double.NaN;
    [NonSerialized] private double _stale = double.NaN;
    [NonSerialized] private double _relative = double.NaN;

    [Id(0)] public int Seq { get; set; }
    [Id(1)] public int Submissions { get; set; }
    [Id(2)] public DateTimeOffset? LastOnTimeAt { get => Instant(_lastOnTimeAt); set => _lastOnTimeAt = Ticks(value); }
    [Id(3)] public DateTimeOffset? LastLateAt { get => Instant(_lastLateAt); set => _lastLateAt = Ticks(value); }
    [Id(4)] public bool Scored { get; set; }
    [Id(5)] public DateTimeOffset? ScoredAt { get => Instant(_scoredAt); set => _scoredAt = Ticks(value); }

    /// <summary>True when the counted submission was late (and <see cref="Penalty"/> applied).</summary>
    [Id(6)] public bool CountedLate { get; set; }
    [Id(7)] public double? Score { get => Value(_score); set => _score = value ?? double.NaN; }
    [Id(8)] public double? Oracle { get => Value(_oracle); set => _oracle = value ?? double.NaN; }
    [Id(9)] public double? Stale { get => Value(_stale); set => _stale = value ?? double.NaN; }
    [Id(10)] public double? Relative { get => Value(_relative); set => _relative = value ?? double.NaN; }

    /// <summary>The fraction of the batch score lost to the late policy (0 when on time).</summary>
    [Id(11)] public double Penalty { get; set; }
    [Id(12)] public int Rows { get; set; }

    /// <summary>Counts an accepted submission of <paramref name="rows"/> predictions received at <paramref name="at"/>.</summary>
    public void RecordSubmission(DateTimeOffset at, bool late, int rows)
    {
        Submissions++;
        Rows = rows;
        if (late)
        {
            LastLateAt = at;
        }
        else
        {
            LastOnTimeAt = at;
        }
    }

    // An instant is kept as UTC ticks: its offset is not kept (every instant here is UTC), 0 means none.
    private static DateTimeOffset? Instant(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    private static long Ticks(DateTimeOffset? instant) => instant?.UtcTicks ?? 0;

    // A score is never NaN (metrics are finite), so NaN can stand for none.
    private static double? Value(double value) => double.IsNaN(value) ? null : value;
}
