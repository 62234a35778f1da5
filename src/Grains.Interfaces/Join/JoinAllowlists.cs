using PPipe.Grains.Interfaces.Email;

namespace PPipe.Grains.Interfaces.Join;

/// <summary>How addresses map to allowlist shards; fixed forever, since stored allowlists depend on it.</summary>
public static class JoinAllowlists
{
    public const int Pages = 64;

    public static int PageOf(string normalizedAddress) => EmailAddress.PageOf(normalizedAddress, Pages);

    public static string KeyOf(string cohortId, int page) => $"{cohortId}/a{page}";
}
