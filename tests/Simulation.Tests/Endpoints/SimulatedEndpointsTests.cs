using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PPipe.Simulation.Endpoints;
using PPipe.Simulation.Learning;
using PPipe.Simulation.Tests.Learning;
using PPipe.TestSupport;

namespace PPipe.Simulation.Tests.Endpoints;

/// <summary>The one-listener host of the students' model endpoints, called the way the platform calls them.</summary>
public sealed class SimulatedEndpointsTests : IAsyncLifetime
{
    private static readonly Lazy<(Model Model, DataTable Batch)> Taxi = new(() =>
    {
        var data = new TemplateData("taxi-fares");
        return (data.Fit(1, 1), data.BatchFeatures(1));
    });

    private static readonly Lazy<(Model Model, DataTable Batch)> Churn = new(() =>
    {
        var data = new TemplateData("customer-churn");
        return (data.Fit(1, 1), data.BatchFeatures(1));
    });

    private readonly HttpClient _http = new();
    private SimulatedEndpoints _host = null!;

    public async ValueTask InitializeAsync() => _host = await SimulatedEndpoints.StartAsync(cancellationToken: Ct);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task Reliable_Call_AnswersOnePredictionPerInstanceInOrder()
    {
        var (model, batch) = Taxi.Value;
        var endpoint = Add("ada", EndpointBehaviour.Reliable, new ServedModel(model, SendsProbability: false));

        using var response = await _http.PostAsync(_host.UrlOf("ada"), Instances(batch, 20), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answered = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("predictions").EnumerateArray().Select(p => p.GetDouble()).ToList();
        var expected = model.Predict(new DataTable(batch.Columns, [.. batch.Rows.Take(20)])).Select(p => Math.Round(p.Value, 4));
        Assert.Equal(expected, answered);
        var call = Assert.Single(endpoint.Calls);
        Assert.Equal((200, 20, EndpointOutcome.Answered), (call.Status, call.Rows, call.Outcome));
    }

    [Fact]
    public async Task BinaryTask_ProbabilityOrLabel_AnswersAsTheStudentChose()
    {
        var (model, batch) = Churn.Value;
        Add("prob", EndpointBehaviour.Reliable, new ServedModel(model, SendsProbability: true));
        Add("label", EndpointBehaviour.Reliable, new ServedModel(model, SendsProbability: false));

        var probabilities = await PredictionsAsync("prob", Instances(batch, 10));
        var labels = await PredictionsAsync("label", Instances(batch, 10));

        Assert.All(probabilities, p => Assert.InRange(p.GetDouble(), 0, 1));
        Assert.All(labels, p => Assert.Contains(p.GetString(), new[] { "no", "yes" }));
    }

    [Fact]
    public async Task Flaky_ManyCalls_FailsRoughlyItsShareBothWays()
    {
        var (model, batch) = Taxi.Value;
        var endpoint = Add("flaky", new EndpointBehaviour(0.3, TimeSpan.Zero, Seed: 42), new ServedModel(model, false));
        var failed = 0;
        var dropped = 0;

        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var response = await _http.PostAsync(_host.UrlOf("flaky"), Instances(batch, 2), Ct);
                failed += response.StatusCode == HttpStatusCode.InternalServerError ? 1 : 0;
            }
            catch (HttpRequestException)
            {
                dropped++;
            }
        }

        Assert.InRange(failed + dropped, 40, 80);
        Assert.True(failed > 10 && dropped > 10, $"{failed} answered 500, {dropped} dropped");
        await Eventually.HoldsAsync(() => endpoint.Calls.Count == 200, "every call recorded", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(dropped, endpoint.Calls.Count(c => c.Outcome == EndpointOutcome.Dropped));
    }

    [Fact]
    public async Task Slow_Call_AnswersAfterTheDelay()
    {
        var (model, batch) = Taxi.Value;
        var endpoint = Add("slow", new EndpointBehaviour(0, TimeSpan.FromMilliseconds(400), Seed: 1), new ServedModel(model, false));
        var watch = Stopwatch.StartNew();

        using var response = await _http.PostAsync(_host.UrlOf("slow"), Instances(batch, 5), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Timers may fire a millisecond or so early.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(390), $"answered after {watch.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(Assert.Single(endpoint.Calls).Latency >= TimeSpan.FromMilliseconds(390));
    }

    [Fact]
    public async Task UnknownStudent_Call_Answers404()
    {
        using var response = await _http.PostAsync(_host.UrlOf("nobody"), Instances(Taxi.Value.Batch, 1), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task NoModelYet_Call_Answers503()
    {
        var endpoint = Add("untrained", EndpointBehaviour.Reliable, serving: null);

        using var response = await _http.PostAsync(_host.UrlOf("untrained"), Instances(Taxi.Value.Batch, 1), Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(EndpointOutcome.NoModel, Assert.Single(endpoint.Calls).Outcome);
    }

    [Fact]
    public async Task BodyWithoutInstances_Call_Answers400()
    {
        var endpoint = Add("strict", EndpointBehaviour.Reliable, new ServedModel(Taxi.Value.Model, false));

        using var response = await _http.PostAsync(_host.UrlOf("strict"), new StringContent("{\"rows\": []}", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(EndpointOutcome.BadRequest, Assert.Single(endpoint.Calls).Outcome);
    }

    [Fact]
    public async Task Removed_Call_Answers404()
    {
        Add("gone", EndpointBehaviour.Reliable, new ServedModel(Taxi.Value.Model, false));

        Assert.True(_host.Remove("gone"));
        using var response = await _http.PostAsync(_host.UrlOf("gone"), Instances(Taxi.Value.Batch, 1), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private TestEndpoint Add(string name, EndpointBehaviour behaviour, ServedModel? serving)
    {
        var endpoint = new TestEndpoint(name, behaviour, serving);
        _host.Add(endpoint);
        return endpoint;
    }

    private async Task<List<JsonElement>> PredictionsAsync(string name, HttpContent instances)
    {
        using var response = await _http.PostAsync(_host.UrlOf(name), instances, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("predictions").EnumerateArray()];
    }

    /// <summary>The platform's probe body: every column but the id, numbers as numbers, blanks as null.</summary>
    internal static HttpContent Instances(DataTable rows, int count)
    {
        var instances = rows.Rows.Take(count).Select(row => rows.Columns.Select((column, i) => (column, value: row[i]))
            .Where(p => p.column != "id")
            .ToDictionary(p => p.column, p => (object?)(p.value.Length == 0 ? null
                : double.TryParse(p.value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : p.value)));
        return JsonContent.Create(new { instances });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
