using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PPipe.Browser.Tests.Infrastructure;

/// <summary>
/// Runs axe-core (through Deque.AxeCore.Playwright, which ships the script: nothing is downloaded) on the page
/// as it is now, and fails listing every serious or critical violation: the rule, its impact, the CSS selectors
/// of the elements at fault and axe's help text with its link. Minor and moderate findings do not fail a test.
/// </summary>
public static class Accessibility
{
    /// <summary>The axe impacts that fail a test.</summary>
    public static readonly IReadOnlySet<string> FailingImpacts = new HashSet<string>(["serious", "critical"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Checks the current state of <paramref name="page"/>; <paramref name="name"/> says which page in the failure message.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string name)
    {
        var result = await page.RunAxe();

        var failing = SeriousOf(result);
        if (failing.Count > 0)
        {
            Assert.Fail(Describe(name, page.Url, failing));
        }
    }

    /// <summary>The violations of <paramref name="result"/> whose impact fails a test.</summary>
    public static IReadOnlyList<AxeResultItem> SeriousOf(AxeResult result) =>
        [.. (result.Violations ?? []).Where(v => v.Impact is { } impact && FailingImpacts.Contains(impact))];

    /// <summary>Per violation: its rule, impact, help and link, the selector of every element at fault, and what axe found.</summary>
    public static string Describe(string name, string url, IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder($"Accessibility violations on {name} ({url}):");
        foreach (var violation in violations)
        {
            var nodes = violation.Nodes ?? [];
            text.Append($"\n- {violation.Id} ({violation.Impact}): {violation.Help} <{violation.HelpUrl}>");
            foreach (var node in nodes)
            {
                var html = node.Html is { Length: > 160 } full ? full[..160] + "…" : node.Html;
                text.Append($"\n    at {node.Target}: {html}");
            }

            var found = nodes.SelectMany(n => (n.All ?? []).Concat(n.None ?? []).Concat(n.Any ?? []))
                .Select(c => c.Message)
                .Where(m => !string.IsNullOrWhiteSpace(m))
                .Distinct()
                .Take(5);
            foreach (var message in found)
            {
                text.Append($"\n    found: {message}");
            }
        }

        return text.ToString();
    }
}
