namespace PPipe.Grains.Interfaces.Email;

/// <summary>
/// A request for mail to one address. For <see cref="StudentMailKind.Join"/>: the cohort, the join link's code (a
/// confirmation is valid only while that code is the link's), the name the person gave, and whether the link admits only
/// the students on its allowlist.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.StudentMailRequest")]
public sealed record StudentMailRequest(StudentMailKind Kind, string Name, string? CohortId = null, string? Code = null, bool Allowlist = false);
