namespace PPipe.Grains.Interfaces.Email;

/// <summary>
/// A cohort a mail is about: for a join confirmation with the join code it was asked under and the student id the
/// allowlist gives the address (null: derived from the address at confirmation); otherwise the student's enrollment.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.StudentMailTarget")]
public sealed record StudentMailTarget(string CohortId, string? StudentId, string? Code = null);
