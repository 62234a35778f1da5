namespace PPipe.Architecture.Tests.Infrastructure;

/// <summary>A fenced code block of a Markdown page: its info string (<c>yaml</c>, <c>yaml invalid</c>...) and its lines.</summary>
public sealed record FencedBlock(string Info, IReadOnlyList<string> Lines)
{
    public string Text => string.Join('\n', Lines) + "\n";

    /// <summary>The page's fenced blocks (<c>```</c> or <c>~~~</c>), in order.</summary>
    public static IReadOnlyList<FencedBlock> Read(string markdown)
    {
        List<FencedBlock> blocks = [];
        string? fence = null;
        string info = "";
        List<string> lines = [];
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (fence is null)
            {
                if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
                {
                    fence = trimmed[..3];
                    info = trimmed.TrimStart(fence[0]).Trim();
                    lines = [];
                }
            }
            else if (trimmed.StartsWith(fence, StringComparison.Ordinal) && trimmed.Trim(fence[0]).Length == 0)
            {
                blocks.Add(new FencedBlock(info, lines));
                fence = null;
            }
            else
            {
                lines.Add(line);
            }
        }

        return blocks;
    }
}
