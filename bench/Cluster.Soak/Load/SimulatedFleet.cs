using PPipe.Simulation.Demo;
using PPipe.Simulation.Endpoints;
using PPipe.Simulation.Students;

namespace PPipe.Cluster.Soak.Load;

/// <summary>
/// The simulated students of every cohort (src/Simulation: every archetype, the demo's mix), run as the demo runs
/// them: each in its own loop, restarted when it crashes, their model endpoints served by one loopback host that
/// the silos probe. Their HTTP client is the recorded, balanced one, so what they see is measured too.
/// </summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);

    /// <summary>The most rows a student retraining on everything keeps.</summary>
    public const int MaxTrainingRows = 8_000;
    private readonly SimulatedEndpoints _endpoints;
    private readonly HttpClient _http;
    private readonly SimulatedStudentOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<SimulatedMember> _members = [];
    private readonly List<Task> _runs = [];
    private long _crashes;

    private SimulatedFleet(SimulatedEndpoints endpoints, HttpClient http, TimeSpan pollInterval)
    {
        _endpoints = endpoints;
        _http = http;
        // Fewer training rows than the default 30,000 keep the load generator's memory and CPU small; the platform cannot tell.
        _options = new SimulatedStudentOptions { PollInterval = pollInterval, MaxTrainingRows = MaxTrainingRows };
    }

    public Uri EndpointsAddress => _endpoints.BaseAddress;

    /// <summary>Student loops that threw and were restarted.</summary>
    public long Crashes => Interlocked.Read(ref _crashes);

    public IReadOnlyList<SimulatedMember> Members
    {
        get
        {
            lock (_lock)
            {
                return [.. _members];
            }
        }
    }

    public static async Task<SimulatedFleet> StartAsync(HttpClient http, TimeSpan pollInterval, CancellationToken cancellationToken) =>
        new(await SimulatedEndpoints.StartAsync(cancellationToken: cancellationToken), http, pollInterval);

    /// <summary>Starts the simulated students of a cohort: the roster's entries that got a token.</summary>
    public void Add(string cohortId, IReadOnlyList<DemoRosterEntry> roster, IReadOnlyDictionary<string, string> tokens)
    {
        var created = new Dictionary<string, SimulatedStudent>(StringComparer.Ordinal);
        // Copiers need the student they copy, so the others come first.
        foreach (var entry in roster.Where(r => tokens.ContainsKey(r.StudentId)).OrderBy(r => r.CopiesStudentId is null ? 0 : 1))
        {
            var source = entry.CopiesStudentId is { } copies ? created.GetValueOrDefault(copies) : null;
            var archetype = entry.Archetype == StudentArchetype.Copier && source is null ? StudentArchetype.Diligent : entry.Archetype;
            var student = new SimulatedStudent($"{cohortId}-{entry.StudentId}", archetype, _http.BaseAddress!, tokens[entry.StudentId], _http,
                _endpoints, source, _options);
            created[entry.StudentId] = student;
            var member = new SimulatedMember(cohortId, entry.StudentId, tokens[entry.StudentId], student);
            lock (_lock)
            {
                _members.Add(member);
                _runs.Add(Task.Run(() => SuperviseAsync(student, _stop.Token), CancellationToken.None));
            }
        }
    }

    /// <summary>Stops every student loop (their endpoints keep being served until disposal).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        Task[] runs;
        lock (_lock)
        {
            runs = [.. _runs];
        }

        await Task.WhenAll(runs);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _endpoints.DisposeAsync();
        _stop.Dispose();
    }

    private async Task SuperviseAsync(SimulatedStudent student, CancellationToken cancellationToken)
    {
        // Staggered starts, so the students of a cohort do not poll in lockstep.
        await Delay(_options.PollInterval * Random.Shared.NextDouble(), cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await student.RunAsync(cancellationToken);
                return;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _crashes);
                await Delay(RestartDelay, cancellationToken);
            }
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
