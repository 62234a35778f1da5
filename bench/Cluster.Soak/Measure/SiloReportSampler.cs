using System.Globalization;
using System.Text.Json;
using PPipe.Cluster.Soak.Admin;

namespace PPipe.Cluster.Soak.Measure;

/// <summary>
/// Reads the silos' own reports (<c>GET /api/v1/admin/cluster/operations</c>) every 30 s and keeps each window once:
/// the platform's measure of tick lateness per silo, which cannot be seen from outside. A silo keeps its last 60
/// reports (10 minutes), so reading every 30 s misses none; windows lost with a killed silo are simply absent.
/// </summary>
public sealed class SiloReportSampler(AdminClient admin, RunClock clock, IReadOnlyDictionary<int, string> siloByPort)
{
    private static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(30);

    private readonly Dictionary<(string Silo, DateTimeOffset To), SiloWindow> _windows = [];

    public IReadOnlyList<SiloWindow> Windows => [.. _windows.Values.OrderBy(w => w.Silo, StringComparer.Ordinal).ThenBy(w => w.From)];

    /// <summary>Reads failed (the route answered an error or not at all).</summary>
    public int Failures { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(ReadEvery);
            do
            {
                await ReadAsync(cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        JsonDocument view;
        try
        {
            view = await admin.OperationsAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Failures++;
            return;
        }

        using (view)
        {
            foreach (var silo in view.RootElement.GetProperty("silos").EnumerateArray())
            {
                var name = NameOf(silo.GetProperty("address").GetString()!);
                foreach (var report in silo.GetProperty("recent").EnumerateArray())
                {
                    var activity = report.GetProperty("activity");
                    var to = activity.GetProperty("to").GetDateTimeOffset();
                    _windows[(name, to)] = new SiloWindow(name, clock.SecondsAt(activity.GetProperty("from").GetDateTimeOffset()), clock.SecondsAt(to),
                        activity.GetProperty("wakes").GetInt64(), activity.GetProperty("wakesFailed").GetInt64(),
                        Number(activity.GetProperty("latenessP50Seconds")), Number(activity.GetProperty("latenessP99Seconds")),
                        activity.GetProperty("latenessMaxSeconds").GetDouble(), report.GetProperty("activeEnrollments").GetInt64(),
                        report.GetProperty("workingSetBytes").GetInt64(), activity.GetProperty("storageGaveUp").GetInt64());
                }
            }
        }
    }

    /// <summary>The soak's name of a silo (<c>silo-2</c>) from its address (<c>127.0.0.1:11111@123</c>), by port.</summary>
    private string NameOf(string address)
    {
        var hostAndPort = address.Split('@')[0];
        return int.TryParse(hostAndPort[(hostAndPort.LastIndexOf(':') + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port)
            && siloByPort.TryGetValue(port, out var name) ? name : address;
    }

    private static double? Number(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
