using System.Globalization;
using PPipe.Grains.Interfaces.Outbound;
using PPipe.Scenarios;

namespace PPipe.Grains.Assessment;

/// <summary>How feedback writes days, spans, numbers and lists: invariant culture, scenario days from day 1.</summary>
internal static class FeedbackText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>"0.00" to "1.00", as <see cref="Quality"/> writes them: a grade names a dozen qualities and scores.</summary>
    private static readonly string[] Hundredths = [.. Enumerable.Range(0, 101).Select(i => (i / 100.0).ToString("0.00", CultureInfo.InvariantCulture))];

    /// <summary>How near half a hundredth (in hundredths) a value is formatted rather than looked up: far wider than the format's own rounding error.</summary>
    private const double HalfHundredthMargin = 1e-6;

    /// <summary>The scenario day a scenario time falls on; the first day is day 1.</summary>
    public static int Day(TimeSpan t) => ScenarioDay.Of(t);

    /// <summary>"on day 8" or "between day 8 and day 10" for the span [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static string During(TimeSpan from, TimeSpan to)
    {
        var first = Day(from);
        var last = Day(to > from ? to - TimeSpan.FromTicks(1) : from);
        return first == last ? $"on day {first}" : $"between day {first} and day {last}";
    }

    /// <summary>"40 minutes", "5.5 hours", "2.5 days".</summary>
    public static string Span(TimeSpan span) => Spanned(span).ToString();

    /// <summary>The text of <see cref="Span"/> for an interpolated string or a feedback buffer to write in place.</summary>
    public static SpanText Spanned(TimeSpan span) => new(span);

    /// <summary>"1 batch", "3 batches".</summary>
    public static string Count(long count, string singular, string plural) => Counted(count, singular, plural).ToString();

    /// <summary>The text of <see cref="Count"/> for an interpolated string or a feedback buffer to write in place.</summary>
    public static CountText Counted(long count, string singular, string plural) => new(count, singular, plural);

    /// <summary>A quality or score on the 0..1 scale: "0.85".</summary>
    public static string Quality(double value)
    {
        // Nearly every value is in [0, 1] and not within a hair of half a hundredth: its text is then its nearest
        // hundredth's, made once. The custom format rounds the value's 15 significant digits to two decimals, which differ
        // from the value by less than 1e-15 here, so only a value that close to a half hundredth could round the other way;
        // those, negative ones (including -0, written "-0.00") and the rest are formatted as they always were.
        var hundredths = value * 100;
        var nearest = Math.Round(hundredths);
        return !double.IsNegative(value) && hundredths <= 100 && Math.Abs(hundredths - nearest) < 0.5 - HalfHundredthMargin
            ? Hundredths[(int)nearest]
            : value.ToString("0.00", Invariant);
    }

    /// <summary>A metric value: two decimals, three below 1 ("5.10", "0.912").</summary>
    public static string Value(double value) => value.ToString(Math.Abs(value) < 1 ? "0.000" : "0.00", Invariant);

    /// <summary>Milliseconds: "7.5 ms", "420 ms".</summary>
    public static string Ms(double ms) => ms.ToString(ms < 10 ? "0.#" : "0", Invariant) + " ms";

    /// <summary>A share as a percentage with as many decimals as it needs near 0 and 100: "14%", "99.5%", "0.25%".</summary>
    public static string Percent(double share)
    {
        var percent = share * 100;
        var format = percent is < 1 or > 99 ? "0.##" : percent is < 10 or > 90 ? "0.#" : "0";
        return percent.ToString(format, Invariant) + "%";
    }

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    /// <summary>"release 4", "releases 7 and 9", "releases 1, 2, 3, 4, 5 and 3 more".</summary>
    public static string Numbered(string singular, string plural, IReadOnlyList<int> seqs)
    {
        const int shown = 5;
        if (seqs.Count == 1)
        {
            return $"{singular} {seqs[0].ToString(Invariant)}";
        }

        var items = seqs.Take(shown).Select(s => s.ToString(Invariant)).ToList();
        if (seqs.Count > shown)
        {
            items.Add($"{(seqs.Count - shown).ToString(Invariant)} more");
        }

        return $"{plural} {Join(items)}";
    }

    public static string MetricName(Metric metric) => metric switch
    {
        Metric.Accuracy => "accuracy",
        Metric.MacroF1 => "macro-F1",
        Metric.RocAuc => "ROC AUC",
        Metric.LogLoss => "log loss",
        Metric.Rmse => "RMSE",
        Metric.Mae => "MAE",
        Metric.Mase => "MASE",
        Metric.Smape => "sMAPE",
        _ => "R²",
    };

    /// <summary>What a failure kind looks like from the outside, with the time allowed for timeouts.</summary>
    public static string FailureKind(OutboundFailureKind? kind, TimeSpan timeout) => kind switch
    {
        OutboundFailureKind.Timeout => $"timeouts (no answer within {Ms(timeout.TotalMilliseconds)})",
        OutboundFailureKind.Connect => "refused or unreachable connections",
        OutboundFailureKind.NameResolution => "a host name that did not resolve",
        OutboundFailureKind.Tls => "TLS handshake failures",
        OutboundFailureKind.HttpStatus => "HTTP statuses other than 200",
        OutboundFailureKind.ResponseTooLarge => "responses over the size limit",
        OutboundFailureKind.Protocol => "broken HTTP responses",
        OutboundFailureKind.MalformedBody => "bodies that were not {\"predictions\": [...]}",
        OutboundFailureKind.WrongCount => "a wrong number of predictions",
        OutboundFailureKind.ForbiddenAddress => "an address the platform may not call",
        OutboundFailureKind.CircuitOpen => "calls skipped because the endpoint had just failed repeatedly",
        _ => "other failures",
    };

    /// <summary>What to do about a failure kind.</summary>
    public static string FailureAdvice(OutboundFailureKind? kind) => kind switch
    {
        OutboundFailureKind.Timeout => "Keep the model loaded and warm, and make sure it answers within the timeout, also while you redeploy.",
        OutboundFailureKind.Connect => "Keep the server reachable during redeploys: start the new version before stopping the old one.",
        OutboundFailureKind.NameResolution => "Check that the host name in your endpoint URL resolves publicly.",
        OutboundFailureKind.Tls => "Fix or renew the server's TLS certificate.",
        OutboundFailureKind.HttpStatus => "Check your server's logs for the requests it rejected or failed.",
        OutboundFailureKind.ResponseTooLarge => "Answer with the predictions only.",
        OutboundFailureKind.Protocol => "Check that your server (and any proxy in front of it) completes every HTTP response.",
        OutboundFailureKind.MalformedBody => "Answer with JSON {\"predictions\": [...]}, one value per instance.",
        OutboundFailureKind.WrongCount => "Return exactly one prediction per instance, in the order sent.",
        OutboundFailureKind.ForbiddenAddress => "Register a URL with a public address.",
        OutboundFailureKind.CircuitOpen => "Fix the failures before them: calls to an endpoint that keeps failing are paused for a while.",
        _ => "Check your server's logs around those times.",
    };
}
