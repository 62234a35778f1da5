using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PPipe.Grains.Client.Outbound;

namespace PPipe.Grains.Outbound;

/// <summary>
/// Makes the <see cref="HttpClient"/>s that call addresses students registered. All clients share one
/// connection pool whose connect step resolves the host itself and refuses the connection when any
/// resolved address is forbidden by <see cref="OutboundAddressPolicy"/>. Because the check runs on
/// every new connection, a name that passed at registration and later resolves to an internal
/// address (DNS rebinding) is still refused. Redirects are not followed; no cookies, no proxy.
/// Register as a singleton.
/// </summary>
internal sealed partial class OutboundHttp : IDisposable
{
    private readonly OutboundOptions _options;
    private readonly ILogger<OutboundHttp> _logger;
    private readonly HttpMessageHandler _handler;

    public OutboundHttp(IOptions<OutboundOptions> options, ILogger<OutboundHttp> logger)
    {
        _options = options.Value;
        _logger = logger;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxResponseBytes, "Outbound:MaxResponseBytes");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.ConnectTimeout, TimeSpan.Zero, "Outbound:ConnectTimeout");

        var sockets = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = _options.ConnectTimeout,
            // Pooled connections were checked when they opened; recycling them bounds how long an
            // answer from an earlier DNS lookup stays in use.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectAsync,
        };
        _handler = new NoHttp3Handler(sockets);
    }

    /// <summary>
    /// A client on the guarded pool. Cheap; the caller may keep or drop it. Bound each call with a
    /// timeout of your own (Polly), send with <see cref="HttpCompletionOption.ResponseHeadersRead"/>
    /// and read bodies with <see cref="ResponseBody.ReadAsync"/> so the size cap applies while streaming.
    /// </summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient(_handler, disposeHandler: false)
        {
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            MaxResponseContentBufferSize = Math.Min(_options.MaxResponseBytes, int.MaxValue),
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("P-PIPE/1");
        return client;
    }

    /// <summary>The options this factory enforces.</summary>
    public OutboundOptions Options => _options;

    public void Dispose() => _handler.Dispose();

    /// <summary>Resolves a host name, or parses it when it is a literal address (with or without brackets).</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await HostAddresses.ResolveAsync(host, cancellationToken);
        foreach (var address in addresses)
        {
            if (OutboundAddressPolicy.WhyForbidden(address, _options) is { } reason)
            {
                LogRefused(host, address, reason);
                throw new ForbiddenAddressException(host, address, reason);
            }
        }

        SocketException? lastError = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                lastError = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw lastError!;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an outbound connection to {Host}: it resolves to {Address}, {Reason}")]
    private partial void LogRefused(string host, IPAddress address, string reason);

    /// <summary>
    /// HTTP/3 runs over QUIC, which never goes through <see cref="SocketsHttpHandler.ConnectCallback"/>;
    /// pinning requests to HTTP/2 at most keeps every connection behind the address check.
    /// </summary>
    private sealed class NoHttp3Handler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Version >= HttpVersion.Version30)
            {
                request.Version = HttpVersion.Version20;
            }

            if (request.VersionPolicy == HttpVersionPolicy.RequestVersionOrHigher)
            {
                request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
