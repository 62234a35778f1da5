namespace PPipe.Grains.Interfaces.Roster;

/// <summary>
/// A student in a cohort's roster page. <see cref="TokenGeneration"/> counts the student's tokens: 1 for the one the
/// roster gave, one more each time it was re-issued (0 in entries written before tokens had generations, meaning 1).
/// <see cref="RemovedAt"/> is when the instructor removed the student (null: enrolled): a removed student stays on the
/// page, for the grades export, but counts nowhere else.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.RosterEntry")]
public sealed record RosterEntry(string StudentId, string Name, string Email, DateTimeOffset EnrolledAt, int TokenGeneration = 1,
    DateTimeOffset? RemovedAt = null)
{
    /// <summary>The generation of the student's current token.</summary>
    public int CurrentGeneration => Math.Max(1, TokenGeneration);

    /// <summary>Whether the instructor removed the student from the cohort.</summary>
    public bool IsRemoved => RemovedAt is not null;
}
