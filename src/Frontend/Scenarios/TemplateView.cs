using PPipe.Scenarios;
using PPipe.Scenarios.Templates;

namespace PPipe.Frontend.Scenarios;

/// <summary>A built-in scenario template: what it predicts and how it is scored, its length, briefing and full spec.</summary>
public sealed record TemplateView(string Id, string Title, ScenarioTask Task, string Target, Metric Metric, TimeSpan Duration, string Briefing, string Spec)
{
    public static TemplateView Of(ScenarioTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new TemplateView(template.Id, template.Title, template.Task, template.Target.Name, template.Scenario.Metric,
            template.Scenario.Duration, template.Scenario.Briefing, template.Yaml);
    }
}
