using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PPipe.Grains.Interfaces.Roster;

/// <summary>How students map to roster pages; fixed forever, since stored rosters depend on it.</summary>
public static class RosterPages
{
    public const int Count = 64;

    public static int PageOf(string studentId) =>
        (int)(BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(studentId))) % Count);

    public static string KeyOf(string cohortId, int page) => $"{cohortId}/p{page}";

    /// <summary>The level counted for students nothing can be judged of yet.</summary>
    public const string Ungraded = "Ungraded";

    /// <summary>The most students a page offers the cohort's leaderboard: no page can place more in a top list of this size.</summary>
    public const int LeaderboardSize = 100;
}
