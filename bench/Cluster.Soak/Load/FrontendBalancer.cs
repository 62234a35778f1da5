using System.Diagnostics;

namespace PPipe.Cluster.Soak.Load;

/// <summary>
/// What a load balancer in front of the front ends does: spreads requests over them (a request may name its home
/// front end, as a client keeping its connection would), and when a front end refuses the connection, marks it down
/// for a few seconds and sends the request to another. Only refused connections are retried: a request that reached
/// a front end which then died fails, as it would behind a real balancer. Requests are built against any one of the
/// front ends' addresses; the balancer rewrites the address (a signed S3 request keeps the Host header it signed).
/// </summary>
public sealed class FrontendBalancer(IReadOnlyList<Uri> frontends, RequestRecorder recorder, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public static readonly HttpRequestOptionsKey<int> HomeKey = new("soak.home");
    private static readonly TimeSpan DownFor = TimeSpan.FromSeconds(3);
    private readonly long[] _downUntil = new long[frontends.Count];
    private int _next;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri ?? throw new ArgumentException("The request has no address.", nameof(request));
        var target = request.Options.TryGetValue(HomeKey, out var home) ? home % frontends.Count : (int)((uint)Interlocked.Increment(ref _next) % frontends.Count);
        for (var tried = 0; tried < frontends.Count && IsDown(target); tried++)
        {
            target = (target + 1) % frontends.Count;
        }

        for (var attempt = 0; ; attempt++)
        {
            request.RequestUri = new UriBuilder(original) { Host = frontends[target].Host, Port = frontends[target].Port }.Uri;
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError && attempt + 1 < frontends.Count)
            {
                Volatile.Write(ref _downUntil[target], Stopwatch.GetTimestamp() + (long)(DownFor.TotalSeconds * Stopwatch.Frequency));
                recorder.RecordFailover();
                target = (target + 1) % frontends.Count;
            }
        }
    }

    private bool IsDown(int frontend) => Volatile.Read(ref _downUntil[frontend]) > Stopwatch.GetTimestamp();
}
