using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PPipe.TestSupport;

/// <summary>
/// A student's webhook on loopback (<c>POST /hook</c>): records every request it gets, in order of arrival, and answers
/// however the test scripts it.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<WebhookRequest> _received = new();
    private LoopbackServer _server = null!;
    private int _count;

    private WebhookReceiver()
    {
    }

    /// <summary>
    /// The status code answered to a request once it is recorded; 200 until a test sets it. A task that does not complete
    /// holds the request open until the sender gives up (the token is cancelled then).
    /// </summary>
    public Func<WebhookRequest, CancellationToken, Task<int>> Answer { get; set; } = (_, _) => Task.FromResult(200);

    public Uri Url => _server.Url("/hook");

    /// <summary>The requests so far, in order of arrival.</summary>
    public IReadOnlyCollection<WebhookRequest> Received => _received;

    /// <summary>The distinct releases notified so far, in order.</summary>
    public IReadOnlyList<int> Seqs => [.. _received.Select(r => r.Seq).Distinct().Order()];

    public static async Task<WebhookReceiver> StartAsync(CancellationToken cancellationToken = default)
    {
        var receiver = new WebhookReceiver();
        receiver._server = await LoopbackServer.StartAsync(app => app.MapPost("/hook", receiver.HandleAsync), cancellationToken);
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var request = new WebhookRequest(
            Interlocked.Increment(ref _count), body.ToArray(), context.Request.Headers[WebhookRequest.SignatureHeader].ToString(), context.Request.ContentType);
        _received.Enqueue(request);
        try
        {
            context.Response.StatusCode = await Answer(request, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The sender gave up on this request; that is what the tests holding requests provoke.
        }
    }
}
