using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Grains.Assessment;

/// <summary>
/// In-memory shard of a batch's band-signature index. Each signature keeps at most
/// <see cref="MaxSharers"/> students: a band that many students share says nothing about copying
/// (e.g. everyone predicting the majority class), and the cap bounds the shard.
/// </summary>
internal sealed class CopyIndexGrain : Grain, ICopyIndexGrain
{
    public const int MaxSharers = 50;
    private readonly Dictionary<BandHash, List<string>> _students = [];

    public Task<ImmutableDictionary<string, int>> RegisterAsync(string studentId, ImmutableArray<BandHash> bands)
    {
        var shared = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var band in bands)
        {
            if (!_students.TryGetValue(band, out var students))
            {
                _students[band] = students = [];
            }

            if (students.Contains(studentId))
            {
                continue; // registered before (a repeated tick): count nothing twice
            }

            if (students.Count < MaxSharers)
            {
                foreach (var other in students)
                {
                    shared[other] = shared.GetValueOrDefault(other) + 1;
                }

                students.Add(studentId);
            }
        }

        return Task.FromResult(shared.ToImmutableDictionary(StringComparer.Ordinal));
    }
}
