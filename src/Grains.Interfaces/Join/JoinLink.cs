namespace PPipe.Grains.Interfaces.Join;

/// <summary>
/// A cohort's join link: its code (the secret part of the link), its limits, whether it is open, how many students joined
/// through it since it was opened, and how many addresses its allowlist holds.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.JoinLink")]
public sealed record JoinLink(
    string CohortId,
    string Code,
    JoinSettings Settings,
    bool Open,
    int Joined,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    int AllowlistSize)
{
    /// <summary>Whether the link takes joins at <paramref name="now"/>: open, and not past its closing time.</summary>
    public bool OpenAt(DateTimeOffset now) => Open && (Settings.ClosesAt is not { } closes || now < closes);

    /// <summary>Whether the cap is reached.</summary>
    public bool Full => Settings.Cap is { } cap && Joined >= cap;
}
