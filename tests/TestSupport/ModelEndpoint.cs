using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PPipe.TestSupport;

/// <summary>
/// A student's model endpoint on loopback (<c>POST /predict</c>) that answers however the test scripts it and
/// counts what reached it: requests, their bodies, and the most requests it was serving at once.
/// </summary>
public sealed class ModelEndpoint : IAsyncDisposable
{
    private readonly ConcurrentQueue<Received> _received = new();
    private LoopbackServer _server = null!;
    private int _inFlight;
    private int _maxInFlight;

    private ModelEndpoint()
    {
    }

    /// <summary>What the endpoint does with a request whose body it has read. Answers 200 <c>{"predictions": []}</c> until set.</summary>
    public Func<HttpContext, byte[], Task> Answer { get; set; } = (context, _) => WriteJsonAsync(context, """{"predictions": []}""");

    public Uri Url => _server.Url("/predict");

    public int Port => _server.Port;

    public int Hits => _received.Count;

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public IReadOnlyCollection<Received> Requests => _received;

    public static async Task<ModelEndpoint> StartAsync(CancellationToken cancellationToken = default)
    {
        var endpoint = new ModelEndpoint();
        endpoint._server = await LoopbackServer.StartAsync(app => app.MapPost("/predict", endpoint.HandleAsync), cancellationToken);
        return endpoint;
    }

    /// <summary>A model that predicts <paramref name="value"/> for every instance it is sent.</summary>
    public static Func<HttpContext, byte[], Task> Constant(double value) => (context, body) =>
    {
        var instances = JsonDocument.Parse(body).RootElement.GetProperty("instances").GetArrayLength();
        return WriteJsonAsync(context, JsonSerializer.Serialize(new { predictions = Enumerable.Repeat(value, instances) }));
    };

    public static async Task WriteJsonAsync(HttpContext context, string json, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        _received.Enqueue(new Received(body.ToArray(), context.Request.ContentType));
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); inFlight > max; max = Volatile.Read(ref _maxInFlight))
        {
            Interlocked.CompareExchange(ref _maxInFlight, inFlight, max);
        }

        try
        {
            await Answer(context, body.ToArray());
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The prober gave up on this request; that is what several tests provoke.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>One request as the endpoint received it.</summary>
    public sealed record Received(byte[] Body, string? ContentType);
}
