using PPipe.Simulation.Demo;
using PPipe.Simulation.Endpoints;

namespace PPipe.Simulation.Tests.Demo;

public sealed class TempE2E(ITestOutputHelper output)
{
    [Theory]
    [InlineData("taxi-fares")]
    [InlineData("customer-churn")]
    [InlineData("card-fraud")]
    public async Task Run(string scenario)
    {
        var url = Environment.GetEnvironmentVariable("PPIPE_E2E_URL");
        if (url is null) return;
        await using var endpoints = await SimulatedEndpoints.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        stop.CancelAfter(TimeSpan.FromSeconds(75));
        var demo = new DemoCohort(new Uri(url), "e2e-key-123", http, endpoints,
            new DemoCohortOptions { ScenarioId = scenario, Students = 8, Speed = 28800, PollInterval = TimeSpan.FromMilliseconds(200) });
        await demo.RunAsync(stop.Token);
        foreach (var s in demo.Students)
        {
            var a = s.Activity;
            output.WriteLine($"{s.Name} {s.Archetype}: fetched {a.Fetches.Count} ({string.Join(",", a.Fetches.Select(f => f.Channel).Distinct())}) trainings {a.Trainings.Count} subs {a.Submissions.Count(x => x.Accepted)}/{a.Submissions.Count} late {a.Submissions.Count(x => x.Late)} reg {a.Registrations.Count(r => r.Succeeded)}/{a.Registrations.Count} calls {string.Join(",", a.EndpointCallCounts.Select(kv => kv.Key + "=" + kv.Value))} throttled {a.Throttled} 304s {a.NotModified} problems {a.Problems.Count}");
            foreach (var p in a.Problems.GroupBy(p => p.Message).Take(3)) output.WriteLine($"   {p.Count()}x {p.First().Operation}: {p.Key}");
            foreach (var r in a.Registrations.Take(1)) output.WriteLine($"   reg {r.Status}: {r.Response}");
            foreach (var r in a.Submissions.Where(x => !x.Accepted).Take(2)) output.WriteLine($"   sub {r.Seq} {r.Status}: {r.Problem}");
        }
    }
}
