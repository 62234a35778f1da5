using System.Text;
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
    /// <summary>Events whose standings a grade keeps on the stack; a scenario with more keeps them in an array.</summary>
    private const int MaxEventsOnStack = 64;

    /// <summary>The ledger of a student who never reported nor had an outage; only read.</summary>
    private static readonly IncidentLedger NoIncidents = new();

    /// <summary>Where an injected event stands at the time of the grade.</summary>
    private enum Standing
    {
        /// <summary>Not judged yet: still to come, before the student's progress was reset, or neither reported in time nor over.</summary>
        Open,
        Detected,
        ReportedLate,
        Missed,
    }

    public static Judgement Judge(GradingContext context)
    {
        var ledger = context.Input.Incidents ?? NoIncidents;
        var events = InjectedIncidents.Of(context.Scenario);
        var detectWithin = context.Scenario.Monitoring.DetectWithin;
        var grace = detectWithin / 4;
        double credit = 0;
        int items = 0, detected = 0;
        long delayTicks = 0;
        // Each event's standing worked out once, for the score and for the feedback's sentences (on the stack: a scenario
        // injects a few dozen events at most). An index loop: the events are a read-only list, whose enumerator is an allocation.
        Span<(Standing Standing, TimeSpan Delay)> standings = events.Count <= MaxEventsOnStack
            ? stackalloc (Standing, TimeSpan)[events.Count]
            : new (Standing, TimeSpan)[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var (standing, delay) = standings[i] = StandingOf(events[i], ledger, context);
            if (standing == Standing.Detected)
            {
                detected++;
                delayTicks += delay.Ticks;
                credit += delay <= grace ? 1 : 1 - 0.5 * ((delay - grace) / (detectWithin - grace));
            }

            items += standing == Standing.Open ? 0 : 1;
        }

        var eventsJudged = items;
        var postmortems = 0;
        foreach (var outage in ledger.Outages)
        {
            postmortems += outage.Postmortem is null ? 0 : 1;
        }

        credit += postmortems;
        items += postmortems;
        var falseAlarms = ledger.FalseAlarms;
        if (items == 0)
        {
            return Judgement.NotYet(falseAlarms > 0
                ? $"Nothing to judge yet; {FeedbackText.Counted(falseAlarms, "report", "reports")} so far matched no event that has happened."
                : "Nothing to judge yet: when your monitoring notices a drift, a data problem or a channel outage, report it with " +
                  $"POST {ApiRoutes.Incidents}, saying what changed, in which features or channel, and when it began.");
        }

        var matching = ledger.Matching;
        var precision = matching + falseAlarms == 0 ? 1 : matching / (double)(matching + falseAlarms);
        // Enumerable.Average's mean of the delays' ticks, without a list of them.
        var meanDelay = detected > 0 ? TimeSpan.FromTicks((long)((double)delayTicks / detected)) : TimeSpan.Zero;
        var feedback = Feedback(events, standings, ledger, new Tally(eventsJudged, detected, meanDelay, postmortems), detectWithin);
        return new Judgement(credit / items * Math.Sqrt(precision), feedback);
    }

    /// <summary>
    /// Where <paramref name="e"/> stands: detected when its first matching report came within the reporting time, else,
    /// once it is over, reported late or missed; and how long after it began it was first reported (zero when it was not).
    /// </summary>
    private static (Standing Standing, TimeSpan Delay) StandingOf(InjectedIncident e, IncidentLedger ledger, GradingContext context)
    {
        if (e.At < ledger.From || e.At > context.Now)
        {
            return (Standing.Open, TimeSpan.Zero);
        }

        var plan = context.Scenario.Monitoring;
        var match = ledger.MatchOf(e.Index);
        var delay = match is null ? (TimeSpan?)null : match.FirstReportAt - e.At;
        if (delay is { } inTime && inTime <= plan.DetectWithin)
        {
            return (Standing.Detected, inTime);
        }

        if (e.OverAt(plan, context.Scenario.Duration) > context.Now)
        {
            return (Standing.Open, TimeSpan.Zero);
        }

        return delay is { } tooLate ? (Standing.ReportedLate, tooLate) : (Standing.Missed, TimeSpan.Zero);
    }

    /// <summary>The counts the feedback's first and postmortem sentences give.</summary>
    private readonly record struct Tally(int Events, int Detected, TimeSpan MeanDelay, int Postmortems);

    /// <summary>
    /// The summary, every missed event, every event reported late (each in the order they began), false alarms, postmortems and what to do; written into the thread's feedback
    /// buffer, since a grade is computed at every progress push.
    /// </summary>
    private static string Feedback(IReadOnlyList<InjectedIncident> events, ReadOnlySpan<(Standing Standing, TimeSpan Delay)> standings, IncidentLedger ledger,
        Tally tally, TimeSpan detectWithin)
    {
        var text = FeedbackBuffer.Rent();
        if (tally.Events > 0)
        {
            text.Append($"{tally.Detected} of {FeedbackText.Counted(tally.Events, "event", "events")} reported within {FeedbackText.Spanned(detectWithin)}");
            if (tally.Detected > 0)
            {
                text.Append(", ").Append(tally.Detected == 1 ? "after" : "on average after").Append($" {FeedbackText.Spanned(tally.MeanDelay)}");
            }

            text.Append('.');
        }

        var missedOrLate = false;
        for (var i = 0; i < events.Count; i++)
        {
            if (standings[i].Standing == Standing.Missed)
            {
                AppendCapitalised(text.Sentence(), events[i]).Append(" went unreported.");
                missedOrLate = true;
            }
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (standings[i] is (Standing.ReportedLate, var delay))
            {
                AppendCapitalised(text.Sentence(), events[i])
                    .Append($" was reported {FeedbackText.Spanned(delay)} after it began, past the {FeedbackText.Spanned(detectWithin)} allowed.");
                missedOrLate = true;
            }
        }

        if (ledger.FalseAlarms > 0)
        {
            var refused = ledger.Refused > 0 ? $", {ledger.Refused} of them refused over the daily limit" : "";
            text.Sentence().Append($"{FeedbackText.Counted(ledger.FalseAlarms, "report", "reports")} matched no event (false alarms{refused}): report what your checks show, with the features or channel and when it began.");
        }

        if (tally.Postmortems > 0)
        {
            text.Sentence().Append($"{FeedbackText.Counted(tally.Postmortems, "postmortem", "postmortems")} of endpoint outages filed.");
        }

        if (missedOrLate)
        {
            text.Sentence().Append("Watch the data you fetch (distributions, missing values, columns, labels) and your channels, and report what changes " +
                $"as soon as you see it (POST {ApiRoutes.Incidents}).");
        }

        return FeedbackBuffer.Finish(text);
    }

    /// <summary>The event's <see cref="InjectedIncident.Description"/> ("the schema change on day 9") with a capital first letter.</summary>
    private static StringBuilder AppendCapitalised(StringBuilder text, InjectedIncident e) =>
        text.Append(char.ToUpperInvariant(e.What[0])).Append(e.What, 1, e.What.Length - 1)
            .Append($" on day {FeedbackText.Day(e.At)}");
}
