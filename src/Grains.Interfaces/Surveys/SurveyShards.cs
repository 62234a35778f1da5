using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>
/// How students map to a cohort's survey shards; fixed forever, since stored answers depend on it. A cohort-wide read
/// (counts, analytics, an export) is <see cref="Count"/> calls whatever the cohort's size: about 80 students a shard at 10,000.
/// </summary>
public static class SurveyShards
{
    public const int Count = 128;

    public static int ShardOf(string studentId) =>
        (int)(BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(studentId))) % Count);

    public static string KeyOf(string cohortId, int shard) => $"{cohortId}/r{shard}";

    public static string KeyOf(string cohortId, string studentId) => KeyOf(cohortId, ShardOf(studentId));
}
