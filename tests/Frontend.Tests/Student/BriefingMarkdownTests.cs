using AngleSharp.Html.Parser;
using PPipe.Frontend.Components.Pages.Student;
using PPipe.Scenarios.Templates;

namespace PPipe.Frontend.Tests.Student;

public sealed class BriefingMarkdownTests
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public void ToHtml_HeadingsAndEmphasis_RenderAsElementsUnderThePageSection()
    {
        var html = BriefingMarkdown.ToHtml("""
            ## GRID-908 · Demand nowcast

            **From:** Jonas Weber · **Priority:** high

            ### Known issues

            Autumn is coming.
            """);

        var document = Parser.ParseDocument(html);
        Assert.Equal("GRID-908 · Demand nowcast", document.QuerySelector("h3")!.TextContent);
        Assert.Equal("Known issues", document.QuerySelector("h4")!.TextContent);
        Assert.Equal(["From:", "Priority:"], document.QuerySelectorAll("strong").Select(s => s.TextContent));
        Assert.DoesNotContain("##", html);
        Assert.DoesNotContain("**", html);
        Assert.Empty(document.QuerySelectorAll("h1, h2"));
    }

    [Fact]
    public void ToHtml_DeepHeadings_StopAtH6()
    {
        var html = BriefingMarkdown.ToHtml("# Top\n\n###### Deepest");

        var document = Parser.ParseDocument(html);
        Assert.Equal("Top", document.QuerySelector("h3")!.TextContent);
        Assert.Equal("Deepest", document.QuerySelector("h6")!.TextContent);
    }

    [Fact]
    public void ToHtml_ListsAndTables_RenderAsListsAndAScrollingTable()
    {
        var html = BriefingMarkdown.ToHtml("""
            What we need:
            - a batch every day
            - an endpoint from day 4

            | region | peak MW |
            | --- | ---: |
            | north | 1200 |
            """);

        var document = Parser.ParseDocument(html);
        Assert.Equal(["a batch every day", "an endpoint from day 4"], document.QuerySelectorAll("ul > li").Select(li => li.TextContent));
        var region = document.QuerySelector("div.table-scroll[role=group][tabindex='0']")!;
        Assert.Equal("Briefing table 1", region.GetAttribute("aria-label"));
        Assert.Equal(["region", "peak MW"], region.QuerySelectorAll("table thead th").Select(th => th.TextContent));
        Assert.Equal(["north", "1200"], region.QuerySelectorAll("table tbody td").Select(td => td.TextContent));
    }

    [Fact]
    public void ToHtml_RawHtml_ShowsAsTextAndNeverAsElements()
    {
        var html = BriefingMarkdown.ToHtml("""
            <script>alert('block')</script>

            Text with <img src=x onerror="alert('inline')"> and <b onclick="alert(1)">bold</b>.

            <div style="position:fixed">overlay</div>
            """);

        var document = Parser.ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("script, img, b, div, [onerror], [onclick], [style]"));
        Assert.Contains("&lt;script&gt;alert('block')&lt;/script&gt;", html);
        Assert.Contains("<img src=x onerror=\"alert('inline')\">", document.Body!.TextContent);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("[click](jav&#x09;ascript:alert(1))")]
    [InlineData("[click](vbscript:msgbox)")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("![click](javascript:alert(1))")]
    [InlineData("[click][ref]\n\n[ref]: javascript:alert(1)")]
    public void ToHtml_ScriptLink_BecomesPlainText(string markdown)
    {
        var html = BriefingMarkdown.ToHtml(markdown);

        var document = Parser.ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("a, img"));
        Assert.NotEmpty(document.Body!.TextContent.Trim());
    }

    [Theory]
    [InlineData("[docs](https://example.org/guide)", "https://example.org/guide")]
    [InlineData("[mail us](mailto:ops@example.org)", "mailto:ops@example.org")]
    [InlineData("[the API](/api/v1/releases)", "/api/v1/releases")]
    [InlineData("<https://example.org/a>", "https://example.org/a")]
    public void ToHtml_SafeLink_StaysALinkWithoutReferrer(string markdown, string href)
    {
        var html = BriefingMarkdown.ToHtml(markdown);

        var link = Parser.ParseDocument(html).QuerySelector("a")!;
        Assert.Equal(href, link.GetAttribute("href"));
        Assert.Equal("nofollow noopener noreferrer", link.GetAttribute("rel"));
    }

    [Fact]
    public void ToHtml_EveryTemplateBriefing_LeavesNoMarkdownSyntaxShowing()
    {
        foreach (var template in ScenarioTemplates.All)
        {
            var html = BriefingMarkdown.ToHtml(template.Scenario.Briefing);

            var document = Parser.ParseDocument(html);
            Assert.True(document.QuerySelector("h3") is not null, $"{template.Id} has no heading");
            Assert.NotEmpty(document.QuerySelectorAll("strong"));
            Assert.DoesNotContain("**", document.Body!.TextContent);
            Assert.DoesNotContain("## ", document.Body!.TextContent);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n")]
    public void ToHtml_NoBriefing_IsEmpty(string? markdown)
    {
        Assert.Equal("", BriefingMarkdown.ToHtml(markdown));
    }
}
