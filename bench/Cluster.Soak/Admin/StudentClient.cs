using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PPipe.Cluster.Soak.Load;

namespace PPipe.Cluster.Soak.Admin;

/// <summary>The student calls the harness itself makes: registering webhooks, and reading back what the platform recorded.</summary>
public sealed class StudentClient(HttpClient http)
{
    /// <summary><c>PUT /api/v1/webhook</c>; returns the signing secret, or null with the status when refused.</summary>
    public async Task<(int Status, string? Secret)> RegisterWebhookAsync(string token, Uri url, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, "/api/v1/webhook", token, RequestClass.Webhook);
        request.Content = JsonContent.Create(new { url = url.ToString() });
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return ((int)response.StatusCode, null);
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return ((int)response.StatusCode, document.RootElement.GetProperty("secret").GetString());
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (0, null);
        }
    }

    /// <summary>A student GET for verification; the status and the parsed body (null unless 200).</summary>
    public async Task<(int Status, JsonDocument? Body)> GetAsync(string token, string path, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, path, token, RequestClass.Verify);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode ? ((int)response.StatusCode, JsonDocument.Parse(text)) : ((int)response.StatusCode, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (0, null);
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string token, RequestClass requestClass)
    {
        var request = new HttpRequestMessage(method, new Uri(http.BaseAddress!, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Options.Set(RecordingHandler.ClassKey, requestClass);
        return request;
    }
}
