using PPipe.Grains.Client.Releases;
using PPipe.Grains.Incidents;

namespace PPipe.Grains.Assessment;

/// <summary>
/// Monitoring (opt-in): did the student report the events the platform injected (drift, quirks, channel outages), how
/// soon, and how often did they cry wolf. An event is judged once it has been reported in time (within
/// <c>monitoring.detectWithin</c> of its start) or once it is over (<see cref="InjectedIncident.OverAt"/>); before that
/// it is neither counted nor named, so the grade never tells what is still to come. A detected event earns full credit
/// when reported within a quarter of the reporting time, falling to half at its end; a missed or late one earns none.
/// Each outage of the student's own endpoint with a postmortem counts as one more item with full credit (a postmortem
/// counts when present; none is demanded). The mean credit is scaled by the square root of the share of reports that
/// matched an event (refused reports count as false alarms; <c>other</c> reports count neither way).
/// </summary>
internal static class MonitoringCriterion
{
    /// <summary>The ledger of a student who never reported nor had an outage; only read.</summary>
    private static readonly IncidentLedger NoIncidents = new();

    public static Judgement Judge(GradingContext context)
    {
        var plan = context.Scenario.Monitoring;
        var ledger = context.Input.Incidents ?? NoIncidents;
        var from = ledger.From;
        var detectWithin = plan.DetectWithin;
        var grace = detectWithin / 4;
        double credit = 0;
        var items = 0;
        var detected = new List<(InjectedIncident Event, TimeSpan Delay)>();
        var missed = new List<InjectedIncident>();
        var late = new List<(InjectedIncident Event, TimeSpan Delay)>();
        foreach (var e in InjectedIncidents.Of(context.Scenario))
        {
            if (e.At < from || e.At > context.Now)
            {
                continue;
            }

            var match = ledger.MatchOf(e.Index);
            var delay = match is null ? (TimeSpan?)null : match.FirstReportAt - e.At;
            if (delay is { } inTime && inTime <= detectWithin)
            {
                detected.Add((e, inTime));
                credit += inTime <= grace ? 1 : 1 - 0.5 * ((inTime - grace) / (detectWithin - grace));
                items++;
            }
            else if (e.OverAt(plan, context.Scenario.Duration) <= context.Now)
            {
                if (delay is { } tooLate)
                {
                    late.Add((e, tooLate));
                }
                else
                {
                    missed.Add(e);
                }

                items++;
            }
        }

        var postmortems = ledger.Outages.Count(o => o.Postmortem is not null);
        credit += postmortems;
        items += postmortems;
        var falseAlarms = ledger.FalseAlarms;
        if (items == 0)
        {
            return Judgement.NotYet(falseAlarms > 0
                ? $"Nothing to judge yet; {FeedbackText.Count(falseAlarms, "report", "reports")} so far matched no event that has happened."
                : "Nothing to judge yet: when your monitoring notices a drift, a data problem or a channel outage, report it with " +
                  $"POST {ApiRoutes.Incidents}, saying what changed, in which features or channel, and when it began.");
        }

        var matching = ledger.Matching;
        var precision = matching + falseAlarms == 0 ? 1 : matching / (double)(matching + falseAlarms);
        return new Judgement(credit / items * Math.Sqrt(precision), Feedback(detected, missed, late, ledger, postmortems, detectWithin));
    }

    private static string Feedback(List<(InjectedIncident Event, TimeSpan Delay)> detected, List<InjectedIncident> missed,
        List<(InjectedIncident Event, TimeSpan Delay)> late, IncidentLedger ledger, int postmortems, TimeSpan detectWithin)
    {
        var events = detected.Count + missed.Count + late.Count;
        var sentences = new List<string>();
        if (events > 0)
        {
            var text = $"{detected.Count} of {FeedbackText.Count(events, "event", "events")} reported within {FeedbackText.Span(detectWithin)}";
            if (detected.Count > 0)
            {
                var mean = TimeSpan.FromTicks((long)detected.Average(d => d.Delay.Ticks));
                text += $", {(detected.Count == 1 ? "after" : "on average after")} {FeedbackText.Span(mean)}";
            }

            sentences.Add(text + ".");
        }

        foreach (var e in missed)
        {
            sentences.Add(Capitalised($"{e.Description} went unreported."));
        }

        foreach (var (e, delay) in late)
        {
            sentences.Add(Capitalised($"{e.Description} was reported {FeedbackText.Span(delay)} after it began, past the {FeedbackText.Span(detectWithin)} allowed."));
        }

        if (ledger.FalseAlarms > 0)
        {
            var refused = ledger.Refused > 0 ? $", {ledger.Refused} of them refused over the daily limit" : "";
            sentences.Add($"{FeedbackText.Count(ledger.FalseAlarms, "report", "reports")} matched no event (false alarms{refused}): report what your checks show, with the features or channel and when it began.");
        }

        if (postmortems > 0)
        {
            sentences.Add($"{FeedbackText.Count(postmortems, "postmortem", "postmortems")} of endpoint outages filed.");
        }

        if (missed.Count > 0 || late.Count > 0)
        {
            sentences.Add("Watch the data you fetch (distributions, missing values, columns, labels) and your channels, and report what changes " +
                $"as soon as you see it (POST {ApiRoutes.Incidents}).");
        }

        return string.Join(" ", sentences);
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
