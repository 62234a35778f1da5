using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;
using PPipe.Simulation.Endpoints;
using PPipe.Simulation.Students;
using PPipe.TestSupport;

namespace PPipe.Simulation.Tests.Students;

/// <summary>A student on the forecast template: trains on the history, forecasts a batch's horizon and answers probes that carry history.</summary>
public sealed class ForecastStudentTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private readonly List<Task> _runs = [];
    private FakePlatform _platform = null!;
    private SimulatedEndpoints _endpoints = null!;

    public async ValueTask InitializeAsync()
    {
        _platform = await FakePlatform.StartAsync("water-demand");
        _endpoints = await SimulatedEndpoints.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_runs);
        await _endpoints.DisposeAsync();
        await _platform.DisposeAsync();
        _http.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task Diligent_History_ForecastsEverySeriesAtEveryStepOfTheHorizon()
    {
        _platform.Publish(1);
        var fay = Start("fay", StudentArchetype.Diligent);
        await Eventually.HoldsAsync(() => fay.Activity.Trainings.Count > 0, "a model", cancellationToken: TestContext.Current.CancellationToken);

        _platform.OpenBatch(1, TimeSpan.FromSeconds(20));
        await Eventually.HoldsAsync(() => fay.Activity.Submissions.Count == 1, "a submission", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(5 * 24 * 15, Assert.Single(fay.Activity.Trainings).Rows);
        var lines = Assert.Single(_platform.Submissions, s => s.Student == "fay").Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,prediction", lines[0]);
        Assert.Equal(5 * 24, lines.Length - 1);
        Assert.All(lines.Skip(1), line => Assert.InRange(double.Parse(line.Split(',')[1], CultureInfo.InvariantCulture), 1, 2000));
    }

    [Fact]
    public async Task Endpoint_ProbeWithHistory_AnswersANumberPerInstance()
    {
        _platform.Publish(1);
        var fay = Start("fay", StudentArchetype.Diligent);
        await Eventually.HoldsAsync(() => fay.EndpointRegistered, "a registered endpoint", cancellationToken: TestContext.Current.CancellationToken);
        var scenario = _platform.Data.Scenario;
        var body = ProbeRequest.ToBytes(new ScenarioGenerator(scenario, 7, DateTimeOffset.UtcNow).OpenProbe(0));

        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var answer = await _http.PostAsync(_endpoints.UrlOf("fay"), content, TestContext.Current.CancellationToken);

        answer.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var predictions = json.RootElement.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(scenario.Endpoint!.RowsPerProbe, predictions.Count);
        Assert.All(predictions, p => Assert.Equal(JsonValueKind.Number, p.ValueKind));
    }

    private SimulatedStudent Start(string name, StudentArchetype archetype)
    {
        var options = new SimulatedStudentOptions { PollInterval = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(200) };
        var student = new SimulatedStudent(name, archetype, _platform.BaseAddress, "token-" + name, _http, _endpoints, null, options);
        _runs.Add(Task.Run(() => student.RunAsync(_stop.Token), TestContext.Current.CancellationToken));
        return student;
    }
}
