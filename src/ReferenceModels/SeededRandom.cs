namespace PPipe.ReferenceModels;

/// <summary>
/// A small portable generator (SplitMix64) for the fold splits and subsamples: the same seed gives the same sequence
/// on every runtime and machine, which <see cref="Random"/> does not promise.
/// </summary>
internal struct SeededRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in 0..<paramref name="bound"/>-1; the modulo bias is below 2^-32 for the sizes used here.</summary>
    public int Below(int bound) => (int)(NextUInt64() % (ulong)bound);

    /// <summary>Puts <paramref name="items"/> in a seeded random order (Fisher–Yates).</summary>
    public void Shuffle(Span<int> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = Below(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A seed for one purpose, derived from the table's seed, so that each fit draws from its own stream.</summary>
    public static ulong Derive(ulong seed, ulong purpose, ulong index)
    {
        var random = new SeededRandom(seed ^ (purpose * 0xD1B54A32D192ED03UL));
        random._state += index * 0x8CB92BA72F3D8DD7UL;
        return random.NextUInt64();
    }
}
