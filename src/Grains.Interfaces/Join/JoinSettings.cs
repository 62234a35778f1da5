using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Join;

/// <summary>
/// The limits of a cohort's join link: the e-mail domains it admits (empty: any; a domain admits its subdomains too), the
/// most students who may join through it, when it closes by itself, and whether only the students on its allowlist may join.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.JoinSettings")]
public sealed record JoinSettings(ImmutableArray<string> Domains, int? Cap, DateTimeOffset? ClosesAt, bool Allowlist)
{
    /// <summary>Whether an address's (normalized) domain is admitted.</summary>
    public bool Admits(string domain) =>
        Domains.IsDefaultOrEmpty || Domains.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal));
}
