using System.Diagnostics;
using System.Net;

namespace PPipe.Cluster.Soak.Load;

/// <summary>
/// The outermost handler of every client the load generator uses: times each request to its response headers and
/// records how it ended. A 503 is read to tell the scenario's own channel outages from platform failures.
/// </summary>
public sealed class RecordingHandler(RequestRecorder recorder, RequestClass defaultClass, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public static readonly HttpRequestOptionsKey<RequestClass> ClassKey = new("soak.class");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestClass = request.Options.TryGetValue(ClassKey, out var chosen) ? chosen : defaultClass;
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !recorder.Stopping.IsCancellationRequested)
        {
            recorder.Record(requestClass, Outcomes.Of(e), started);
            throw;
        }

        var outcome = Outcomes.Of((int)response.StatusCode);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            try
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (body.Contains("channel is down", StringComparison.Ordinal))
                {
                    outcome = Outcome.ScenarioOutage;
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                outcome = Outcomes.Of(e);
            }
        }

        recorder.Record(requestClass, outcome, started);
        return response;
    }
}
