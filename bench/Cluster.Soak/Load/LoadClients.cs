using System.Net;

namespace PPipe.Cluster.Soak.Load;

/// <summary>
/// The load generator's HTTP clients, each a recording handler over a balancer over its own connection pool:
/// pollers and simulated students get a few connections per front end; event streams one connection each;
/// the admin client its own, with room for a 10,000-student roster.
/// </summary>
public sealed class LoadClients : IDisposable
{
    public static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(15);

    public LoadClients(IReadOnlyList<Uri> frontends, RequestRecorder recorder, int connectionsPerFrontend)
    {
        Frontends = frontends;
        // A polling program gives up on a request well before its next poll is due; a timeout also frees the connection.
        Polls = Create(frontends, recorder, RequestClass.Poll, connectionsPerFrontend, PollTimeout);
        Simulated = Create(frontends, recorder, RequestClass.Simulated, connectionsPerFrontend, Timeout.InfiniteTimeSpan);
        Streams = Create(frontends, recorder, RequestClass.EventStream, int.MaxValue, Timeout.InfiniteTimeSpan);
        Admin = Create(frontends, recorder, RequestClass.Admin, 8, TimeSpan.FromMinutes(10));
        Verify = Create(frontends, recorder, RequestClass.Verify, 16, TimeSpan.FromSeconds(60));
    }

    public IReadOnlyList<Uri> Frontends { get; }

    /// <summary>The address requests are built against (the balancer picks the front end).</summary>
    public Uri Platform => Frontends[0];

    public HttpClient Polls { get; }

    public HttpClient Simulated { get; }

    public HttpClient Streams { get; }

    public HttpClient Admin { get; }

    /// <summary>The harness's own student calls: webhook registrations and the checks after the traffic (60 s timeout).</summary>
    public HttpClient Verify { get; }

    public void Dispose()
    {
        Polls.Dispose();
        Simulated.Dispose();
        Streams.Dispose();
        Admin.Dispose();
        Verify.Dispose();
    }

    private static HttpClient Create(IReadOnlyList<Uri> frontends, RequestRecorder recorder, RequestClass requestClass, int connections, TimeSpan timeout)
    {
        var sockets = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        };
        var handler = new RecordingHandler(recorder, requestClass, new FrontendBalancer(frontends, recorder, sockets));
        return new HttpClient(handler) { BaseAddress = frontends[0], Timeout = timeout };
    }
}
