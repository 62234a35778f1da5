namespace PPipe.Scenarios.Generation;

/// <summary>
/// A counter-based random source: the n-th draw is a SplitMix64 mix of (key, n), so a row's values
/// depend only on the row's key and never on what was generated before it. That is what lets any
/// row of any release, batch or probe be regenerated on its own, in any order, on any machine.
/// </summary>
internal struct RowRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const double UnitScale = 1.0 / (1UL << 53);

    private readonly ulong _key;
    private ulong _counter;

    public RowRandom(ulong key)
    {
        _key = key;
        _counter = 0;
    }

    /// <summary>Combines several values into one well-mixed key.</summary>
    public static ulong KeyOf(ulong a, ulong b) => Mix(Mix(a + Golden) ^ (b + 0x632BE59BD9B4E019UL));

    public static ulong KeyOf(ulong a, ulong b, ulong c) => KeyOf(KeyOf(a, b), c);

    public static ulong KeyOf(ulong a, ulong b, ulong c, ulong d) => KeyOf(KeyOf(KeyOf(a, b), c), d);

    /// <summary>The SplitMix64 finaliser: a bijection on 64 bits with full avalanche.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1) from a single key, without a stream.</summary>
    public static double UnitOf(ulong key) => (Mix(key) >> 11) * UnitScale;

    /// <summary>An independent stream for one purpose (labels, missing values...), so turning a quirk on
    /// or off never changes the draws of anything else.</summary>
    public readonly RowRandom Fork(ulong purpose) => new(KeyOf(_key, purpose));

    public ulong NextUInt64() => Mix(_key + (++_counter * Golden));

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * UnitScale;

    /// <summary>Uniform in (0, 1): safe to take the logarithm of.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 0.5) * UnitScale;

    /// <summary>Uniform integer in [0, count).</summary>
    public int NextInt(int count) => (int)((NextUInt64() >> 33) * (ulong)count >> 31);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal by Box-Muller on portable math.</summary>
    public double NextNormal()
    {
        var radius = Math.Sqrt(-2.0 * PortableMath.Log(NextOpenDouble()));
        return radius * PortableMath.Cos(2.0 * Math.PI * NextDouble());
    }
}
