using System.Globalization;
using System.Text.RegularExpressions;
using PPipe.Grains.Interfaces.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PPipe.Frontend.Components.Pages.Scenarios;

/// <summary>
/// Where each value of a spec's text sits, so a problem reported by path (<c>drift[0].at</c>,
/// <c>grading.levels.expert</c>) can be shown at its line. Built from YamlDotNet's parser events, which carry
/// start marks (a JSON spec parses as YAML flow style). A key's path is at the key's line; a list item's at
/// the line of its dash. A path with no line of its own (a missing key, a value the template supplies)
/// points at its nearest ancestor that has one, and the document itself at its first line.
/// </summary>
public sealed partial class SpecLineMap
{
    // The binder's wording for the second and later occurrences of a key (SpecBinder.CheckKeys).
    private const string DuplicateMessage = "appears more than once";

    private readonly Dictionary<string, List<int>> _lines = new(StringComparer.Ordinal);

    private SpecLineMap(int lineCount)
    {
        LineCount = lineCount;
    }

    /// <summary>Lines in the text (at least 1).</summary>
    public int LineCount { get; }

    /// <summary>The line the document starts on (its first key).</summary>
    public int RootLine { get; private set; } = 1;

    /// <summary>The line of the YAML syntax error that stopped parsing, or null when the text parsed.</summary>
    public int? SyntaxErrorLine { get; private set; }

    /// <summary>Maps <paramref name="text"/>; never throws. Paths read before a syntax error keep their lines.</summary>
    public static SpecLineMap Of(string text)
    {
        var map = new SpecLineMap(CountLines(text));
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<DocumentStart>(out _))
            {
                map.Read(parser, "", ownLine: true);
                map.RootLine = map.Find("", 0) ?? 1;
            }
        }
        catch (YamlException e)
        {
            map.SyntaxErrorLine = (int)Math.Clamp(e.Start.Line, 1, map.LineCount);
        }

        return map;
    }

    /// <summary>The line <paramref name="path"/> refers to: its own, or its nearest mapped ancestor's.</summary>
    public int LineOf(string path) => Locate(path, occurrence: 0, out _);

    /// <summary>Each problem with its line, in line order (problems on one line keep their order).</summary>
    public IReadOnlyList<SpecProblemAtLine> Locate(IEnumerable<ScenarioSpecProblem> problems)
    {
        var duplicates = new Dictionary<string, int>(StringComparer.Ordinal);
        var located = new List<SpecProblemAtLine>();
        foreach (var (path, message) in problems)
        {
            int line;
            var exact = true;
            if (path.Length == 0)
            {
                // Syntax errors are about the document and say where: "line 7, column 3: ...".
                var where = WherePrefix().Match(message);
                line = where.Success
                    ? Math.Clamp(int.Parse(where.Groups[1].ValueSpan, CultureInfo.InvariantCulture), 1, LineCount)
                    : SyntaxErrorLine ?? RootLine;
            }
            else
            {
                var occurrence = 0;
                if (message.StartsWith(DuplicateMessage, StringComparison.Ordinal))
                {
                    // The first occurrence is the one in force; the n-th report is about occurrence n + 1.
                    occurrence = duplicates[path] = duplicates.GetValueOrDefault(path) + 1;
                }

                line = Locate(path, occurrence, out exact);
            }

            located.Add(new SpecProblemAtLine(line, path, message, exact));
        }

        return [.. located.OrderBy(p => p.Line)];
    }

    /// <summary>The parent of a path: <c>drift[0].at</c> → <c>drift[0]</c> → <c>drift</c> → the document (empty).</summary>
    public static string ParentOf(string path)
    {
        if (path.EndsWith(']'))
        {
            var open = path.LastIndexOf('[');
            return open > 0 ? path[..open] : "";
        }

        var dot = path.LastIndexOf('.');
        return dot > 0 ? path[..dot] : "";
    }

    private int Locate(string path, int occurrence, out bool exact)
    {
        exact = true;
        while (true)
        {
            if (Find(path, occurrence) is { } line)
            {
                return line;
            }

            if (path.Length == 0)
            {
                return RootLine;
            }

            exact = false;
            occurrence = 0;
            path = ParentOf(path);
        }
    }

    private int? Find(string path, int occurrence) =>
        _lines.TryGetValue(path, out var lines) ? lines[Math.Min(occurrence, lines.Count - 1)] : null;

    private void Read(IParser parser, string path, bool ownLine)
    {
        var node = parser.Consume<NodeEvent>();
        if (ownLine)
        {
            Record(path, node.Start.Line);
        }

        switch (node)
        {
            case SequenceStart:
                for (var i = 0; !parser.TryConsume<SequenceEnd>(out _); i++)
                {
                    Read(parser, $"{path}[{i}]", ownLine: true);
                }

                break;
            case MappingStart:
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = KeyOf(parser);
                    var keyPath = path.Length == 0 ? key.Text : $"{path}.{key.Text}";
                    Record(keyPath, key.Line);
                    Read(parser, keyPath, ownLine: false);
                }

                break;
        }
    }

    /// <summary>Reads a key as the spec reader does: a scalar's text, or empty for a null or complex key.</summary>
    private (string Text, int Line) KeyOf(IParser parser)
    {
        if (parser.TryConsume<YamlDotNet.Core.Events.Scalar>(out var scalar))
        {
            var isNull = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
            return (isNull ? "" : scalar.Value, (int)scalar.Start.Line);
        }

        var line = (int)parser.Current!.Start.Line;
        SkipNode(parser);
        return ("", line);
    }

    private static void SkipNode(IParser parser)
    {
        var depth = 0;
        do
        {
            var current = parser.Consume<ParsingEvent>();
            depth += current.NestingIncrease;
        }
        while (depth > 0);
    }

    private void Record(string path, long line)
    {
        if (!_lines.TryGetValue(path, out var lines))
        {
            _lines[path] = lines = [];
        }

        lines.Add((int)line);
    }

    private static int CountLines(string text)
    {
        var count = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                count++;
            }
        }

        return count;
    }

    [GeneratedRegex(@"^line (\d+), column \d+:")]
    private static partial Regex WherePrefix();
}
