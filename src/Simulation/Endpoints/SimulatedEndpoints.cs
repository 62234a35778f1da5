using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PPipe.Scenarios;
using PPipe.Simulation.Learning;

namespace PPipe.Simulation.Endpoints;

/// <summary>
/// One Kestrel listener on 127.0.0.1 (a free port) that serves the model endpoint of every simulated student
/// at <c>POST /students/{name}/predict</c>, the way the platform calls a student's endpoint:
/// <c>{"instances": [{...}, ...]}</c> in, <c>{"predictions": [...], "model": {...}}</c> out. Each call looks up the
/// student's current model and behaviour (flaky, slow, redeploying), so two dozen students cost one listener.
/// </summary>
public sealed class SimulatedEndpoints : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Tenant> _tenants = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private WebApplication? _app;

    private SimulatedEndpoints(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<SimulatedEndpoints> StartAsync(TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var endpoints = new SimulatedEndpoints(time ?? TimeProvider.System);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.UseRouting();
        app.MapPost("/students/{name}/predict", (HttpContext http, string name) => endpoints.HandleAsync(http, name));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        endpoints.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        endpoints._app = app;
        return endpoints;
    }

    /// <summary>The URL a student registers with the platform.</summary>
    public Uri UrlOf(string name) => new(BaseAddress, $"students/{Uri.EscapeDataString(name)}/predict");

    /// <summary>Serves <paramref name="endpoint"/> from now on (replacing one of the same name).</summary>
    public void Add(ISimulatedEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _tenants[endpoint.Name] = new Tenant(endpoint);
    }

    /// <summary>Stops serving the endpoint: calls get 404 from now on.</summary>
    public bool Remove(string name) => _tenants.TryRemove(name, out _);

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(stop.Token);
            await app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext http, string name)
    {
        var started = _time.GetTimestamp();
        var at = _time.GetUtcNow();
        if (!_tenants.TryGetValue(name, out var tenant))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var endpoint = tenant.Endpoint;
        var behaviour = endpoint.Behaviour;
        var call = Interlocked.Increment(ref tenant.Calls);
        var aborted = http.RequestAborted;
        DataTable? instances;
        try
        {
            instances = await ReadInstancesAsync(http.Request, aborted);
        }
        catch (JsonException)
        {
            instances = null;
        }

        if (behaviour.Delay > TimeSpan.Zero)
        {
            await Task.Delay(behaviour.Delay, _time, aborted);
        }

        void Record(int status, EndpointOutcome outcome) =>
            endpoint.Served(new EndpointCall(at, status, instances?.Count ?? 0, _time.GetElapsedTime(started), outcome));

        if (instances is null)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            Record(400, EndpointOutcome.BadRequest);
            return;
        }

        var draw = Unit(behaviour.Seed, (ulong)call);
        if (draw < behaviour.FailureRate)
        {
            if (draw < behaviour.FailureRate / 2)
            {
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
                Record(500, EndpointOutcome.Failed);
            }
            else
            {
                Record(0, EndpointOutcome.Dropped);
                http.Abort();
            }

            return;
        }

        if (endpoint.Serving is not { } serving)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Record(503, EndpointOutcome.NoModel);
            return;
        }

        if (serving.DownUntil > at)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Record(503, EndpointOutcome.Redeploying);
            return;
        }

        var predictions = serving.Model.Predict(instances);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        await using (var json = new Utf8JsonWriter(http.Response.Body))
        {
            json.WriteStartObject();
            json.WriteStartArray("predictions");
            foreach (var prediction in predictions)
            {
                if (serving.Model.Task.IsNumeric())
                {
                    json.WriteNumberValue(Math.Round(prediction.Value, 4));
                }
                else if (serving.SendsProbability && prediction.Probability is { } probability)
                {
                    json.WriteNumberValue(Math.Round(probability, 6));
                }
                else
                {
                    json.WriteStringValue(prediction.Label);
                }
            }

            json.WriteEndArray();
            if (serving.Version is { } version)
            {
                json.WriteStartObject("model");
                json.WriteString("version", version);
                json.WriteNumber("trainedThrough", serving.TrainedThrough);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            await json.FlushAsync(aborted);
        }

        Record(200, EndpointOutcome.Answered);
    }

    /// <summary>The instances of a request as a table: the union of their fields, blanks for nulls and absent fields.</summary>
    private static async Task<DataTable?> ReadInstancesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("instances", out var list)
            || list.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var columns = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var cells = new List<Dictionary<int, string>>();
        foreach (var instance in list.EnumerateArray())
        {
            if (instance.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var row = new Dictionary<int, string>();
            foreach (var field in instance.EnumerateObject())
            {
                if (!index.TryGetValue(field.Name, out var c))
                {
                    index[field.Name] = c = columns.Count;
                    columns.Add(field.Name);
                }

                row[c] = field.Value.ValueKind switch
                {
                    JsonValueKind.String => field.Value.GetString() ?? "",
                    JsonValueKind.Number => field.Value.GetRawText(),
                    JsonValueKind.True => "1",
                    JsonValueKind.False => "0",
                    _ => "",
                };
            }

            cells.Add(row);
        }

        var rows = cells.Select(row =>
        {
            var values = new string[columns.Count];
            for (var c = 0; c < values.Length; c++)
            {
                values[c] = row.GetValueOrDefault(c, "");
            }

            return values;
        }).ToList();
        return new DataTable(columns, rows);
    }

    /// <summary>A uniform number in [0, 1) from a seed and a call number (SplitMix64).</summary>
    private static double Unit(ulong seed, ulong call)
    {
        var z = seed + (call * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A served endpoint and its call counter.</summary>
    private sealed class Tenant(ISimulatedEndpoint endpoint)
    {
        public long Calls;

        public ISimulatedEndpoint Endpoint => endpoint;
    }
}
