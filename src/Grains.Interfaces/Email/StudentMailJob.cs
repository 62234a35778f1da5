using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Email;

/// <summary>
/// A mail for a mail worker to write and send: what it says (<see cref="Kind"/>), to whom, and the enrollments or cohort
/// it is about, one link each where it has links.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.StudentMailJob")]
public sealed record StudentMailJob(StudentMailJobKind Kind, string Address, string Name, ImmutableArray<StudentMailTarget> Targets);
