using System.Collections.Immutable;

namespace PPipe.Grains.Roster;

/// <summary>
/// The compact, live facts about one student that cohort summaries count: which releases they fetched
/// (a bit per release seq). Enrollments report it to their roster page when it changes.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.StudentProgress")]
public sealed record StudentProgress(string StudentId, ImmutableArray<int> FetchedReleases);
