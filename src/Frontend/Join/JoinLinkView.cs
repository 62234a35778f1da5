using PPipe.Grains.Client.Site;
using PPipe.Grains.Interfaces.Join;

namespace PPipe.Frontend.Join;

/// <summary>
/// A cohort's join link as instructors see it: the code and the link to share (null while the platform's public address
/// is unknown), whether it takes joins, its limits, how many joined through it and how many addresses its allowlist has.
/// </summary>
public sealed record JoinLinkView(
    string CohortId,
    string Code,
    Uri? Url,
    bool Open,
    IReadOnlyList<string> AllowedDomains,
    int? Cap,
    DateTimeOffset? ClosesAt,
    int AllowlistSize,
    int Joined,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt)
{
    public static JoinLinkView Of(JoinLink link, PublicSite site, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(site);
        return new JoinLinkView(link.CohortId, link.Code, site.IsKnown ? site.Link(JoinRoutes.PageOf(link.Code)) : null, link.OpenAt(now),
            [.. link.Settings.Domains], link.Settings.Cap, link.Settings.ClosesAt, link.AllowlistSize, link.Joined, link.OpenedAt, link.ClosedAt);
    }
}
