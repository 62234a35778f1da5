namespace PPipe.Scenarios.Validation;

/// <summary>The <c>monitoring</c> section, and the rule that the monitoring criterion needs something to report.</summary>
internal sealed partial class ScenarioValidator
{
    private MonitoringPlan? CheckMonitoring(bool hasEvents)
    {
        var monitoring = spec.Monitoring ?? new Spec.MonitoringSpec();
        var defaults = MonitoringPlan.Default;
        var window = monitoring.Window is null ? defaults.Window : Positive("monitoring.window", monitoring.Window);
        var detectWithin = monitoring.DetectWithin is null ? defaults.DetectWithin : Positive("monitoring.detectWithin", monitoring.DetectWithin);
        var postmortemAfter = monitoring.PostmortemAfter is null ? defaults.PostmortemAfter : Positive("monitoring.postmortemAfter", monitoring.PostmortemAfter);
        var perDay = monitoring.ReportsPerDay ?? defaults.ReportsPerDay;
        CheckRange("monitoring.reportsPerDay", perDay, 1, MonitoringPlan.MaxReportsPerDay);

        if (spec.Grading?.Criteria is { } criteria && criteria.TryGetValue(ScenarioNames.Of(Criterion.Monitoring), out var weight) && weight > 0 && !hasEvents
            && template is not null)
        {
            Error("grading.criteria.monitoring", "the scenario injects no drift, quirk or outage to report; remove it or add one");
        }

        return window is null || detectWithin is null || postmortemAfter is null
            ? null
            : new MonitoringPlan(window.Value, detectWithin.Value, perDay, postmortemAfter.Value);
    }
}
