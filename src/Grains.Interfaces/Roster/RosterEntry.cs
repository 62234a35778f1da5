namespace PPipe.Grains.Interfaces.Roster;

/// <summary>
/// A student in a cohort's roster page. <see cref="TokenGeneration"/> counts the student's tokens: 1 for the one the
/// roster gave, one more each time it was re-issued (0 in entries written before tokens had generations, meaning 1).
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.RosterEntry")]
public sealed record RosterEntry(string StudentId, string Name, string Email, DateTimeOffset EnrolledAt, int TokenGeneration = 1)
{
    /// <summary>The generation of the student's current token.</summary>
    public int CurrentGeneration => Math.Max(1, TokenGeneration);
}
