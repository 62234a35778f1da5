using PPipe.Frontend.Cohorts;

namespace PPipe.Frontend.Join;

/// <summary>
/// The body of <c>POST /api/v1/admin/cohorts/{id}/join</c>, every field optional: the e-mail domains the link admits (a
/// domain admits its subdomains), the most students who may join through it, when it closes, and an allowlist (students
/// who join themselves under these ids and names; nobody else may). An allowlist replaces the current one; left out, the
/// current one stays; empty, there is none. An empty body opens the link to anyone.
/// </summary>
public sealed record JoinLinkRequest(
    IReadOnlyList<string>? AllowedDomains = null,
    int? Cap = null,
    DateTimeOffset? ClosesAt = null,
    IReadOnlyList<RosterRowRequest>? Allowlist = null);
