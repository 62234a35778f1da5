using System.Text.RegularExpressions;

namespace PPipe.Architecture.Tests.Configuration;

/// <summary>
/// Reads the configuration keys a Markdown page documents: every <c>`Section:Key`</c> in the first column of a table
/// whose first header is "key". Other tables, prose and fenced code are ignored, so the page may be laid out freely.
/// </summary>
public static partial class DocumentedKeys
{
    public static IReadOnlyList<string> Read(string markdown)
    {
        List<string> keys = [];
        var inFence = false;
        var inKeyTable = false;
        string? header = null;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence || !line.StartsWith('|'))
            {
                (inKeyTable, header) = (false, null);
                continue;
            }

            var first = line.Split('|')[1];
            if (header is null)
            {
                header = first;
            }
            else if (SeparatorCell().IsMatch(first))
            {
                inKeyTable = Plain(header).Equals("key", StringComparison.OrdinalIgnoreCase);
            }
            else if (inKeyTable)
            {
                keys.AddRange(CodeSpan().Matches(first).Select(m => m.Groups[1].Value.Trim()).Where(token => KeyShape().IsMatch(token)));
            }
        }

        return keys;
    }

    private static string Plain(string cell) => cell.Replace("*", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal).Trim();

    [GeneratedRegex(@"^\s*:?-{3,}:?\s*$")]
    private static partial Regex SeparatorCell();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*(:([A-Za-z][A-Za-z0-9_]*|\*))*$")]
    private static partial Regex KeyShape();
}
