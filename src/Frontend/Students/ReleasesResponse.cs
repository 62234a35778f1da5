using PPipe.Grains.Client.Releases;

namespace PPipe.Frontend.Students;

/// <summary><c>GET /api/v1/releases</c>: the releases out now after the <c>after</c> seq, oldest first, and when the next one is due.</summary>
public sealed record ReleasesResponse(IReadOnlyList<PublishedRelease> Releases, DateTimeOffset? NextReleaseAt);
