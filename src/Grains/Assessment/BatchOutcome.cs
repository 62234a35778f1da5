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
[GenerateSerializer, Alias("ppipe.BatchOutcome")]
internal sealed class BatchOutcome
{
    [Id(0)] public int Seq { get; set; }
    [Id(1)] public int Submissions { get; set; }
    [Id(2)] public DateTimeOffset? LastOnTimeAt { get; set; }
    [Id(3)] public DateTimeOffset? LastLateAt { get; set; }
    [Id(4)] public bool Scored { get; set; }
    [Id(5)] public DateTimeOffset? ScoredAt { get; set; }

    /// <summary>True when the counted submission was late (and <see cref="Penalty"/> applied).</summary>
    [Id(6)] public bool CountedLate { get; set; }
    [Id(7)] public double? Score { get; set; }
    [Id(8)] public double? Oracle { get; set; }
    [Id(9)] public double? Stale { get; set; }
    [Id(10)] public double? Relative { get; set; }

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
}
