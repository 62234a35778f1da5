using System.Text;

namespace PPipe.Cluster.Soak.Report;

/// <summary>A GitHub-flavoured markdown table, columns right-aligned unless named with a leading '&lt;'.</summary>
public sealed class MarkdownTable(params string[] columns)
{
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public MarkdownTable Add(params object?[] cells)
    {
        _rows.Add([.. cells.Select(c => (c?.ToString() ?? "").Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal))]);
        return this;
    }

    public void WriteTo(StringBuilder text)
    {
        text.Append("| ").AppendJoin(" | ", columns.Select(c => c.TrimStart('<'))).AppendLine(" |");
        text.Append('|').AppendJoin('|', columns.Select(c => c.StartsWith('<') ? " --- " : " ---: ")).AppendLine("|");
        foreach (var row in _rows)
        {
            text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }

        text.AppendLine();
    }
}
