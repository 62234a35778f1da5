using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace PPipe.Cluster.Soak.Load;

/// <summary>
/// Roster students who keep <c>GET /api/v1/events</c> open, as a pipeline reacting to pushes would: one connection
/// each, events counted by type, reconnecting a few seconds after the stream ends or breaks.
/// </summary>
public sealed class EventStreamFleet(HttpClient http)
{
    private readonly ConcurrentDictionary<string, long> _events = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> _refusedBy = new();
    private readonly List<Task> _loops = [];
    private long _open;
    private long _connects;
    private long _breaks;
    private long _refused;

    public long Open => Interlocked.Read(ref _open);

    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Streams that ended or broke while the run still wanted them.</summary>
    public long Breaks => Interlocked.Read(ref _breaks);

    /// <summary>Attempts answered with something other than 200.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public IReadOnlyDictionary<string, long> Events => new Dictionary<string, long>(_events);

    /// <summary>Refused attempts by status code.</summary>
    public IReadOnlyDictionary<int, long> RefusedBy => new Dictionary<int, long>(_refusedBy);

    public void Start(IEnumerable<PollingStudent> students, CancellationToken cancellationToken)
    {
        foreach (var student in students)
        {
            _loops.Add(Task.Run(() => ListenAsync(student, cancellationToken), CancellationToken.None));
        }
    }

    public Task StoppedAsync() => Task.WhenAll(_loops);

    private async Task ListenAsync(PollingStudent student, CancellationToken cancellationToken)
    {
        // Spread the connects, so a few hundred streams do not open in the same instant.
        await Delay(TimeSpan.FromSeconds(Random.Shared.NextDouble() * 10), cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(http.BaseAddress!, "/api/v1/events"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", student.Token);
                request.Options.Set(FrontendBalancer.HomeKey, student.Home);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _refused);
                    _refusedBy.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                }
                else
                {
                    Interlocked.Increment(ref _connects);
                    Interlocked.Increment(ref _open);
                    try
                    {
                        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                        using var reader = new StreamReader(body);
                        while (await reader.ReadLineAsync(cancellationToken) is { } line)
                        {
                            if (line.StartsWith("event: ", StringComparison.Ordinal))
                            {
                                _events.AddOrUpdate(line[7..].Trim(), 1, (_, n) => n + 1);
                            }
                        }
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _open);
                    }

                    Interlocked.Increment(ref _breaks);
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or IOException or OperationCanceledException)
            {
                Interlocked.Increment(ref _breaks);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            await Delay(TimeSpan.FromSeconds(2 + Random.Shared.NextDouble() * 3), cancellationToken);
        }
    }

    private static async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
