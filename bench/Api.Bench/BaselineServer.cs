using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PPipe.Api.Bench;

/// <summary>
/// The reference point: a plain Kestrel minimal-API endpoint in this process that answers every GET
/// with a constant JSON byte array — the same bytes as the real <c>/api/v1/releases</c> response, so
/// both send bodies of equal size. No authentication, no logging, no Orleans.
/// </summary>
public sealed class BaselineServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private byte[] _body;

    private BaselineServer(WebApplication app, byte[] body)
    {
        _app = app;
        _body = body;
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>The body every request gets; replaced between runs so it keeps matching the real response.</summary>
    public byte[] Body
    {
        get => Volatile.Read(ref _body);
        set => Volatile.Write(ref _body, value);
    }

    public static async Task<BaselineServer> StartAsync(byte[] body, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new BaselineServer(app, body);
        app.MapGet(PlatformClient.ReleasesPath, () => Results.Bytes(server.Body, "application/json"));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Address = new Uri(address);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
