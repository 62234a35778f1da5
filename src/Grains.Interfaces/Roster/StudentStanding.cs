using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Roster;

/// <summary>
/// One row of the instructors' cohort monitor: who the student is and their live progress; <see cref="RemovedAt"/> when
/// the instructor removed them (the monitor drops the row).
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.StudentStanding")]
public sealed record StudentStanding(string StudentId, string Name, string Email, DateTimeOffset EnrolledAt, StudentProgress Progress,
    DateTimeOffset? RemovedAt = null);

/// <summary>
/// The rows of a roster page that changed after a version. <see cref="Epoch"/> names the page's activation:
/// versions only compare within one epoch, so a reader that sees a new epoch has received every row.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.RosterChanges")]
public sealed record RosterChanges(Guid Epoch, long Version, bool Complete, ImmutableArray<StudentStanding> Rows);
