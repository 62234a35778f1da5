using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Components;

namespace PPipe.Frontend.Components.Pages.Student;

/// <summary>
/// A scenario's briefing, written in Markdown by an instructor, as HTML safe to put on a student's page.
/// </summary>
/// <remarks>
/// Briefings come from whoever may upload a scenario, and a student's page must never run script, so the
/// HTML is produced only by Markdig's own renderer from a restricted pipeline, never passed through:
/// raw HTML (blocks and inline tags) is turned off and shows as the literal text the instructor typed;
/// links and images keep only <c>http</c>, <c>https</c>, <c>mailto</c> and relative addresses (a
/// <c>javascript:</c> or <c>data:</c> link becomes its plain text); headings move down so the briefing's
/// top level sits under the page's own "Briefing" heading (h3 and below); tables scroll inside a focusable
/// region of their own instead of widening the page. Links open with <c>rel="nofollow noopener noreferrer"</c>.
/// </remarks>
public static class BriefingMarkdown
{
    /// <summary>The heading level a briefing's top-level heading is given (the page's section heading is h2).</summary>
    public const int TopHeadingLevel = 3;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseReferralLinks("nofollow", "noopener", "noreferrer")
        .Build();

    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    /// <summary>The briefing as HTML; empty for an empty briefing.</summary>
    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var document = Markdown.Parse(markdown, Pipeline);
        MoveHeadingsDown(document);
        DropUnsafeLinks(document);

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HtmlTableRenderer>(new ScrollingTableRenderer());
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>The briefing as markup for a component.</summary>
    public static MarkupString ToMarkup(string? markdown) => new(ToHtml(markdown));

    /// <summary>
    /// Whether a link may stay a link: no scheme (relative), or one of <see cref="SafeSchemes"/>. Control
    /// characters and spaces are ignored first, as browsers ignore them (<c>java&#9;script:</c>).
    /// </summary>
    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        var compact = new string([.. url.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c))]);
        var colon = compact.IndexOf(':');
        var pathStart = compact.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (pathStart >= 0 && pathStart < colon))
        {
            return true;
        }

        return SafeSchemes.Contains(compact[..colon], StringComparer.OrdinalIgnoreCase);
    }

    private static void MoveHeadingsDown(MarkdownDocument document)
    {
        var headings = document.Descendants<HeadingBlock>().ToList();
        if (headings.Count == 0)
        {
            return;
        }

        var shift = TopHeadingLevel - headings.Min(h => h.Level);
        foreach (var heading in headings)
        {
            heading.Level = Math.Clamp(heading.Level + shift, TopHeadingLevel, 6);
        }
    }

    private static void DropUnsafeLinks(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>().Where(l => !IsSafeUrl(l.Url)).ToList())
        {
            link.ReplaceBy(new LiteralInline(PlainText(link)), copyChildren: false);
        }

        foreach (var link in document.Descendants<AutolinkInline>().Where(l => !IsSafeUrl(l.Url)).ToList())
        {
            link.ReplaceBy(new LiteralInline(link.Url), copyChildren: false);
        }
    }

    private static string PlainText(ContainerInline container)
    {
        var text = new StringBuilder();
        foreach (var inline in container.Descendants<Inline>())
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>A table inside a region that scrolls sideways on its own and can be reached by keyboard to do so.</summary>
    private sealed class ScrollingTableRenderer : HtmlTableRenderer
    {
        private int _count;

        protected override void Write(HtmlRenderer renderer, Table table)
        {
            _count++;
            renderer.Write("<div class=\"table-scroll\" role=\"group\" tabindex=\"0\" aria-label=\"Briefing table ")
                .Write(_count.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Write("\">");
            base.Write(renderer, table);
            renderer.WriteLine("</div>");
        }
    }
}
