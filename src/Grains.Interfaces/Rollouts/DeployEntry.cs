namespace PPipe.Grains.Interfaces.Rollouts;

/// <summary>
/// One deploy as the platform followed it: the <see cref="Version"/> switched to, whether the student announced it
/// (else it was seen as a change of version in the answers), the note, when it began and when the version first answered
/// (scenario time; null while it has not), when its watch ends, the probes made in its window and how many failed, the
/// quality (0..1) of the answers before it and of the new version's answers in the window (null without any), whether it
/// is judged (its window is over) and its score (null until then).
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.DeployEntry")]
public sealed record DeployEntry(
    int Id,
    string Version,
    bool Announced,
    string? Note,
    TimeSpan StartedAt,
    TimeSpan? SeenAt,
    TimeSpan Until,
    int Probes,
    int Failed,
    double? QualityBefore,
    double? QualityAfter,
    bool Judged,
    double? Score);
