using PPipe.Scenarios.Events;

namespace PPipe.Scenarios.Generation;

/// <summary>
/// Which rows each release holds, in order: its window's rows minus those arriving late, each possibly
/// followed by a duplicate of a recent row, then the late rows of earlier windows that arrive now.
/// Which rows are late or duplicated depends on the scenario seed only, so every enrollment of a cohort
/// gets releases of the same size; counts are computed on first use and cached.
/// </summary>
internal sealed class ReleaseLayout
{
    private const ulong LatePurpose = 0x4C415445;
    private const ulong DuplicatePurpose = 0x44555053;
    private const int MaxDuplicateLag = 64;

    private readonly ulong _seed;
    private readonly ReleasePlan _plan;
    private readonly double[] _lateRate;
    private readonly int[] _lateDelay;
    private readonly double[] _duplicateProbability;
    private readonly int _maxDelay;
    private readonly int[] _counts;

    public ReleaseLayout(Scenario scenario)
    {
        var plan = scenario.Releases;
        _seed = scenario.Seed;
        _plan = plan;
        Count = plan.CountWithin(scenario.Duration);
        _lateRate = new double[Count + 1];
        _lateDelay = new int[Count + 1];
        _duplicateProbability = new double[Count + 1];
        _counts = new int[Count + 1];
        for (var seq = 1; seq <= Count; seq++)
        {
            var at = plan.TimeOf(seq);
            if (scenario.Quirks.OfType<LateRows>().FirstOrDefault(q => q.IsActiveAt(at)) is { } late)
            {
                _lateRate[seq] = late.Rate;
                _lateDelay[seq] = (int)Math.Max(1, (late.Delay.Ticks + plan.Cadence.Ticks - 1) / plan.Cadence.Ticks);
                _maxDelay = Math.Max(_maxDelay, _lateDelay[seq]);
            }

            if (scenario.Quirks.OfType<DuplicateRows>().FirstOrDefault(q => q.IsActiveAt(at)) is { } duplicates)
            {
                // A share r of duplicates among all rows needs r / (1 - r) duplicates per original row.
                _duplicateProbability[seq] = duplicates.Rate / (1 - duplicates.Rate);
            }

            _counts[seq] = _lateRate[seq] == 0 && _duplicateProbability[seq] == 0 ? -2 : -1;
        }
    }

    public int Count { get; }

    public int RowCount(int seq)
    {
        var cached = Volatile.Read(ref _counts[seq]);
        if (cached >= 0)
        {
            return cached;
        }

        var count = 0;
        if (cached == -2 && !HasLateArrivals(seq))
        {
            count = _plan.RowsOf(seq);
        }
        else
        {
            foreach (var _ in Slots(seq))
            {
                count++;
            }
        }

        Volatile.Write(ref _counts[seq], count);
        return count;
    }

    public IEnumerable<RowSlot> Slots(int seq)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seq, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seq, Count);
        for (var i = 0; i < _plan.RowsOf(seq); i++)
        {
            if (IsLate(seq, i))
            {
                continue;
            }

            yield return new RowSlot(seq, i);
            if (DuplicateOf(seq, i) is { } source)
            {
                yield return new RowSlot(seq, source);
            }
        }

        for (var earlier = Math.Max(1, seq - _maxDelay); earlier < seq; earlier++)
        {
            if (_lateRate[earlier] > 0 && earlier + _lateDelay[earlier] == seq)
            {
                for (var i = 0; i < _plan.RowsOf(earlier); i++)
                {
                    if (IsLate(earlier, i))
                    {
                        yield return new RowSlot(earlier, i);
                    }
                }
            }
        }
    }

    private bool HasLateArrivals(int seq)
    {
        for (var earlier = Math.Max(1, seq - _maxDelay); earlier < seq; earlier++)
        {
            if (_lateRate[earlier] > 0 && earlier + _lateDelay[earlier] == seq)
            {
                return true;
            }
        }

        return false;
    }

    private bool IsLate(int seq, int index) =>
        _lateRate[seq] > 0 && RowRandom.UnitOf(RowRandom.KeyOf(_seed, LatePurpose, (ulong)seq, (ulong)index)) < _lateRate[seq];

    private int? DuplicateOf(int seq, int index)
    {
        if (_duplicateProbability[seq] == 0)
        {
            return null;
        }

        var key = RowRandom.KeyOf(_seed, DuplicatePurpose, (ulong)seq, (ulong)index);
        if (RowRandom.UnitOf(key) >= _duplicateProbability[seq])
        {
            return null;
        }

        var source = index - (int)(RowRandom.Mix(key ^ 0x5A5A5A5A) % MaxDuplicateLag);
        return source >= 0 && !IsLate(seq, source) ? source : index;
    }
}
