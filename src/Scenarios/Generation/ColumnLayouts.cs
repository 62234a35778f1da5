using System.Collections.Immutable;
using PPipe.Scenarios.Events;
using PPipe.Scenarios.Output;

namespace PPipe.Scenarios.Generation;

/// <summary>
/// The published columns at any scenario time. Renamed and added columns change the layout at their
/// event times; every distinct layout is built once, up front, and shared by all readers.
/// </summary>
internal sealed class ColumnLayouts
{
    private readonly TimeSpan[] _changes;
    private readonly Column[][][] _layouts;
    private readonly string[][][] _names;

    public ColumnLayouts(Scenario scenario, ImmutableArray<AddedColumn> synthetic)
    {
        var events = scenario.Quirks
            .Where(q => q is RenamedColumn or AddedColumn)
            .OrderBy(q => q.At)
            .ToArray();
        _changes = [.. events.Select(e => e.At)];
        _layouts = new Column[3][][];
        _names = new string[3][][];
        foreach (var set in Enum.GetValues<ColumnSet>())
        {
            _layouts[(int)set] = new Column[events.Length + 1][];
            _names[(int)set] = new string[events.Length + 1][];
            for (var version = 0; version <= events.Length; version++)
            {
                var columns = Build(scenario, synthetic, events.AsSpan(0, version), set);
                _layouts[(int)set][version] = columns;
                _names[(int)set][version] = [.. columns.Select(c => c.Name)];
            }
        }
    }

    public IReadOnlyList<Column> At(TimeSpan t, ColumnSet set) => _layouts[(int)set][VersionAt(t)];

    public IReadOnlyList<string> NamesAt(TimeSpan t, ColumnSet set) => _names[(int)set][VersionAt(t)];

    private int VersionAt(TimeSpan t)
    {
        // Changes at exactly t are in force at t.
        var version = 0;
        while (version < _changes.Length && _changes[version] <= t)
        {
            version++;
        }

        return version;
    }

    private static Column[] Build(Scenario scenario, ImmutableArray<AddedColumn> synthetic, ReadOnlySpan<QuirkEvent> applied, ColumnSet set)
    {
        var features = scenario.Features;
        var names = features.Select(f => f.Name).ToArray();
        var order = new List<int>();
        for (var f = 0; f < features.Length; f++)
        {
            if (!features[f].Hidden)
            {
                order.Add(f);
            }
        }

        var added = new List<Column>();
        foreach (var change in applied)
        {
            switch (change)
            {
                case RenamedColumn rename:
                    names[Array.IndexOf(names, rename.Column)] = rename.To;
                    break;
                case AddedColumn { RevealsFeature: true } reveal:
                    order.Add(features.IndexOf(features.First(f => f.Name == reveal.Column)));
                    break;
                case AddedColumn column:
                    var index = synthetic.IndexOf(column);
                    added.Add(column.Values.IsDefaultOrEmpty
                        ? new Column(column.Column, ColumnRole.Added, ColumnKind.Number, column.Decimals, [], column.Column, index)
                        : new Column(column.Column, ColumnRole.Added, ColumnKind.Category, 0, column.Values, column.Column, index));
                    break;
            }
        }

        var columns = new List<Column> { new("id", ColumnRole.Id, ColumnKind.Id, 0, [], "id", 0) };
        if (set != ColumnSet.Labels)
        {
            columns.Add(new Column(scenario.TimestampColumn, ColumnRole.Timestamp, ColumnKind.Timestamp, 0, [], scenario.TimestampColumn, 0));
            foreach (var f in order)
            {
                var feature = features[f];
                columns.Add(feature.Kind == FeatureKind.Number
                    ? new Column(names[f], ColumnRole.Feature, ColumnKind.Number, feature.Decimals, [], feature.Name, f)
                    : new Column(names[f], ColumnRole.Feature, ColumnKind.Category, 0, feature.Categories, feature.Name, f));
            }

            columns.AddRange(added);
        }

        if (set != ColumnSet.Features)
        {
            var target = scenario.Target;
            columns.Add(target.IsNumeric
                ? new Column(target.Name, ColumnRole.Target, ColumnKind.Number, target.Decimals, [], target.Name, 0)
                : new Column(target.Name, ColumnRole.Target, ColumnKind.Category, 0, target.Classes, target.Name, 0));
        }

        return [.. columns];
    }
}
