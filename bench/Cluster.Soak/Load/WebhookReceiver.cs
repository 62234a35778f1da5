using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PPipe.Cluster.Soak.Load;

/// <summary>
/// Students' webhook endpoints, all on one loopback listener at <c>/hook/{cohort}/{student}</c>: every notification
/// is checked against the secret its registration returned and recorded with its release and times.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, WebhookRegistration> _registrations = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<WebhookNotice> _notices = new();
    private long _unexpected;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyCollection<WebhookRegistration> Registrations => [.. _registrations.Values];

    public IReadOnlyList<WebhookNotice> Notices => [.. _notices];

    /// <summary>Requests for no registration, or that were not a release notification.</summary>
    public long Unexpected => Interlocked.Read(ref _unexpected);

    public static async Task<WebhookReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook/{cohort}/{student}", receiver.ReceiveAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    public Uri UrlFor(string cohortId, string studentId) =>
        new(BaseAddress, $"hook/{Uri.EscapeDataString(cohortId)}/{Uri.EscapeDataString(studentId)}");

    public void Registered(WebhookRegistration registration) =>
        _registrations[Key(registration.CohortId, registration.StudentId)] = registration;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(string cohort, string student, HttpRequest request)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var body = buffer.ToArray();
        if (!_registrations.TryGetValue(Key(cohort, student), out var registration))
        {
            Interlocked.Increment(ref _unexpected);
            return Results.NotFound();
        }

        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(registration.Secret), body));
        var signature = request.Headers["X-PPipe-Signature"].ToString();
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var release = root.GetProperty("release");
            _notices.Enqueue(new WebhookNotice(cohort, student, release.GetProperty("seq").GetInt32(), Time(release, "releasedAt"), Time(root, "sentAt"),
                receivedAt, string.Equals(signature, expected, StringComparison.OrdinalIgnoreCase)));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Interlocked.Increment(ref _unexpected);
        }

        return Results.Ok();
    }

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;

    private static string Key(string cohortId, string studentId) => cohortId + "/" + studentId;
}
