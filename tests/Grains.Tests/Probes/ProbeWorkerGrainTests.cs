using PPipe.Grains.Interfaces.Probes;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Probes;

[Collection(ClusterCollection.Name)]
public sealed class ProbeWorkerGrainTests(ClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProbeAsync_TemplateScenario_ProbedFromTheSiloAndScored()
    {
        await using var endpoint = await ModelEndpoint.StartAsync(Ct);
        var answer = Probing.OracleAnswer(Probing.Template("card-fraud"), 7);
        endpoint.Answer = (context, _) => ModelEndpoint.WriteJsonAsync(context, answer);

        var results = await fixture.Client.GetGrain<IProbeWorkerGrain>(0).ProbeAsync(Probing.Job(endpoint.Url, "card-fraud", slot: 7, student: Guid.NewGuid().ToString("N")));

        var result = Assert.Single(results);
        Assert.True(result.Ok, result.Error);
        Assert.Equal(50, result.Rows);
        Assert.Equal(result.Quality!.OracleLoss, result.Quality.Loss, 12);
    }

    [Fact]
    public async Task ProbeAsync_ManyAtOnce_AnsweredConcurrently()
    {
        await using var endpoint = await ModelEndpoint.StartAsync(Ct);
        var release = new TaskCompletionSource();
        endpoint.Answer = async (context, _) =>
        {
            await release.Task.WaitAsync(context.RequestAborted);
            await ModelEndpoint.WriteJsonAsync(context, Probing.Numbers(20));
        };
        var worker = fixture.Client.GetGrain<IProbeWorkerGrain>(0);

        var probes = Enumerable.Range(0, 8).Select(i => worker.ProbeAsync(Probing.Job(endpoint.Url, student: $"w{i}"))).ToList();
        await Eventually.HoldsAsync(() => endpoint.Hits == 8, "all eight probes are at the endpoint at once", cancellationToken: Ct);
        release.SetResult();

        Assert.All(await Task.WhenAll(probes), results => Assert.True(Assert.Single(results).Ok));
    }
}
