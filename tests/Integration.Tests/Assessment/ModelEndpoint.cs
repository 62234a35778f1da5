using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PPipe.Integration.Tests.Assessment;

/// <summary>A student's model endpoint on loopback that answers every instance with the same value, and counts calls.</summary>
public sealed class ModelEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private ModelEndpoint(WebApplication app) => _app = app;

    public int Calls => _calls;

    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/predict";

    public static async Task<ModelEndpoint> StartAsync(double answer)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var endpoint = new ModelEndpoint(app);
        app.MapPost("/predict", async (HttpContext http) =>
        {
            Interlocked.Increment(ref endpoint._calls);
            using var request = await JsonDocument.ParseAsync(http.Request.Body);
            var count = request.RootElement.GetProperty("instances").GetArrayLength();
            return Results.Json(new { predictions = Enumerable.Repeat(answer, count) });
        });
        await app.StartAsync();
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
