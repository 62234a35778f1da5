namespace PPipe.Simulation.Learning;

/// <summary>
/// A category, one-hot over the values seen at least twice in training (the most frequent first, at most
/// <see cref="MaxLevels"/>), plus a missing indicator when the training data had blanks. A value never seen
/// in training (a new category) encodes as all zeros: the model falls back to its average.
/// </summary>
internal sealed class CategoryColumn : ColumnEncoder
{
    private const int MaxLevels = 40;

    private readonly Dictionary<string, int> _levels;
    private readonly bool _hasMissing;

    private CategoryColumn(string name, IReadOnlyList<string> levels, bool hasMissing)
        : base(name)
    {
        _levels = levels.Select((level, i) => (level, i)).ToDictionary(p => p.level, p => p.i, StringComparer.Ordinal);
        _hasMissing = hasMissing;
        Width = levels.Count + (hasMissing ? 1 : 0);
    }

    public override int Width { get; }

    public static CategoryColumn? Fit(string name, IReadOnlyList<string> cells)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = 0;
        foreach (var cell in cells)
        {
            if (IsBlank(cell))
            {
                missing++;
            }
            else
            {
                var value = cell.Trim();
                counts[value] = counts.GetValueOrDefault(value) + 1;
            }
        }

        if (counts.Count > MaxLevels && counts.Count > cells.Count / 2)
        {
            return null; // nearly unique text, e.g. an id or a free-text note: nothing to generalise from
        }

        // A level every row has is constant; keep levels that vary.
        var levels = counts.Where(p => p.Value >= 2 && p.Value < cells.Count)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(MaxLevels)
            .Select(p => p.Key)
            .ToList();
        var hasMissing = missing > 0 && missing < cells.Count;
        return levels.Count == 0 && !hasMissing ? null : new CategoryColumn(name, levels, hasMissing);
    }

    public override void Encode(string cell, Span<double> destination)
    {
        destination.Clear();
        if (IsBlank(cell))
        {
            if (_hasMissing)
            {
                destination[^1] = 1;
            }
        }
        else if (_levels.TryGetValue(cell.Trim(), out var level))
        {
            destination[level] = 1;
        }
    }
}
