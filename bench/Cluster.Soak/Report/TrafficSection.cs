using System.Text;
using PPipe.Cluster.Soak.Load;
using static PPipe.Cluster.Soak.Report.Figures;

namespace PPipe.Cluster.Soak.Report;

/// <summary>Requests per 10-second window: rate, outcomes, errors by kind, latency.</summary>
public static class TrafficSection
{
    private static readonly RequestClass[] StudentClasses =
        [RequestClass.Poll, RequestClass.Download, RequestClass.EventStream, RequestClass.Simulated, RequestClass.Webhook];

    public static void Write(StringBuilder text, SoakReport report)
    {
        text.AppendLine("## Requests per 10-second window").AppendLine();
        text.AppendLine("Every request the load generator sent (students, simulated students, the instructor's API; not the harness's own checks), " +
            "by the second it completed. Latency is to the response headers, measured in the load generator (so it includes waiting for one of its " +
            $"{report.Options.ConnectionsPerFrontend} connections per front end). \"errors\" are 5xx (other than the scenario's own channel outages) and requests " +
            "that got no answer; the balancer retries only refused connections, on the other front end. Phase marks and fault windows are in the first column.").AppendLine();
        var table = new MarkdownTable("t (s)", "<marks", "req/s", "2xx", "304", "4xx", "scen. 503", "<errors", "err %", "p50 ms", "p99 ms", "poll p99", "sim p99", "max poll lag ms");
        foreach (var window in report.Requests.Windows)
        {
            var total = window.Total();
            var clientErrors = window.Count(Outcome.Unauthorized) + window.Count(Outcome.NotFound) + window.Count(Outcome.Conflict)
                + window.Count(Outcome.TooManyRequests) + window.Count(Outcome.OtherClientError);
            var errors = Outcomes.All.Where(Outcomes.IsError).Select(o => (o, n: window.Count(o))).Where(x => x.n > 0)
                .Select(x => $"{Outcomes.Label(x.o)} ×{x.n}");
            table.Add(N(window.StartSecond), Marks(report, window.StartSecond), N(total / (double)RequestRecorder.WindowSeconds, 1),
                N(window.Count(Outcome.Ok)), N(window.Count(Outcome.NotModified)), N(clientErrors), N(window.Count(Outcome.ScenarioOutage)),
                string.Join(", ", errors), Percent(window.Errors(), total), Ms(window.Percentile(0.5)), Ms(window.Percentile(0.99)),
                Ms(window.Percentile(0.99, RequestClass.Poll)), Ms(window.Percentile(0.99, RequestClass.Simulated)), Ms(window.MaxPollLagMs));
        }

        table.WriteTo(text);

        text.AppendLine("Over the traffic period, by kind of request:").AppendLine();
        var (from, to) = report.Traffic;
        var windows = report.Requests.Windows.Where(w => w.StartSecond >= from - RequestRecorder.WindowSeconds && w.StartSecond < to).ToList();
        var byClass = new MarkdownTable("<request", "count", "req/s", "2xx", "304", "401", "404", "409", "429", "scen. 503", "errors", "p50 ms", "p99 ms", "p99.9 ms");
        foreach (var requestClass in StudentClasses.Append(RequestClass.Admin))
        {
            var count = windows.Sum(w => w.Total(requestClass));
            if (count == 0)
            {
                continue;
            }

            var histogram = new long[LatencyBuckets.Count];
            windows.ForEach(w => w.AddLatency(histogram, requestClass));
            byClass.Add(requestClass, N(count), N(count / Math.Max(1, to - from), 1), N(windows.Sum(w => w.Count(Outcome.Ok, requestClass))),
                N(windows.Sum(w => w.Count(Outcome.NotModified, requestClass))), N(windows.Sum(w => w.Count(Outcome.Unauthorized, requestClass))),
                N(windows.Sum(w => w.Count(Outcome.NotFound, requestClass))), N(windows.Sum(w => w.Count(Outcome.Conflict, requestClass))),
                N(windows.Sum(w => w.Count(Outcome.TooManyRequests, requestClass))), N(windows.Sum(w => w.Count(Outcome.ScenarioOutage, requestClass))),
                N(windows.Sum(w => w.Errors(requestClass))), Ms(LatencyBuckets.Percentile(histogram, 0.5)), Ms(LatencyBuckets.Percentile(histogram, 0.99)),
                Ms(LatencyBuckets.Percentile(histogram, 0.999)));
        }

        byClass.WriteTo(text);
        text.AppendLine($"Poll lag (a due poll waiting for one of the {report.Options.PollWorkers} workers): p50 {Ms(report.Requests.PollLagPercentile(0.5))} ms, " +
            $"p99 {Ms(report.Requests.PollLagPercentile(0.99))} ms over the whole run.").AppendLine();
    }

    private static string Marks(SoakReport report, double start)
    {
        var end = start + RequestRecorder.WindowSeconds;
        var marks = report.Phases.Where(p => p.At >= start && p.At < end).Select(p => p.Label)
            .Concat(report.Faults.Where(f => f.StartedAt < end && f.RestoredAt >= start).Select(f => $"**{f.Name}**"));
        return string.Join("; ", marks.Distinct());
    }
}
