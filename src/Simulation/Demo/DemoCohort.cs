using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PPipe.Simulation.Endpoints;
using PPipe.Simulation.Students;

namespace PPipe.Simulation.Demo;

/// <summary>
/// Seeds a live demo through the admin API, as an instructor's script would: uploads <see cref="DemoScenario"/> (unless
/// another scenario is configured), opens a cohort of it at demo speed starting now, enrolls a roster of simulated students spread over the archetypes, and runs them
/// (their endpoints served by one <see cref="SimulatedEndpoints"/>) until the scenario is over or it is
/// cancelled. Admin calls are retried with backoff until the platform answers; a student that fails is
/// logged and restarted; nothing here throws into the host except on cancellation.
/// </summary>
public sealed class DemoCohort
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);

    private static readonly (StudentArchetype Archetype, int Count)[] Mix =
    [
        (StudentArchetype.Diligent, 4),
        (StudentArchetype.RetrainsEveryRelease, 1),
        (StudentArchetype.TrainsOnce, 2),
        (StudentArchetype.SubmitsLate, 1),
        (StudentArchetype.FlakyEndpoint, 2),
        (StudentArchetype.SlowEndpoint, 1),
        (StudentArchetype.NeverDeploys, 1),
        (StudentArchetype.Silent, 2),
        (StudentArchetype.FalseAlarmer, 1),
        (StudentArchetype.Copier, 2),
        (StudentArchetype.NoLineage, 1),
        (StudentArchetype.InflatedLineage, 1),
        (StudentArchetype.ReusesVersion, 1),
        (StudentArchetype.BlueGreen, 2),
        (StudentArchetype.RedeploysWithDowntime, 2),
    ];

    private static readonly string[] FirstNames =
    [
        "Ada", "Bruno", "Chiara", "Dmitri", "Elif", "Farah", "Goran", "Hana", "Ivo", "Jana", "Kofi", "Lena",
        "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Yara",
    ];

    private readonly Uri _platform;
    private readonly string _adminKey;
    private readonly HttpClient _http;
    private readonly SimulatedEndpoints _endpoints;
    private readonly DemoCohortOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private (string Id, int Version)? _uploaded;

    public DemoCohort(Uri platform, string adminKey, HttpClient http, SimulatedEndpoints endpoints, DemoCohortOptions? options = null,
        TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentException.ThrowIfNullOrWhiteSpace(adminKey);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoints);
        _platform = platform;
        _adminKey = adminKey;
        _http = http;
        _endpoints = endpoints;
        _options = options ?? new DemoCohortOptions();
        _time = time ?? TimeProvider.System;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<DemoCohort>();
    }

    /// <summary>The cohort being run, once created.</summary>
    public string? CohortId { get; private set; }

    /// <summary>The students of the current cohort, once enrolled.</summary>
    public IReadOnlyList<SimulatedStudent> Students { get; private set; } = [];

    /// <summary>
    /// A roster of <paramref name="count"/> students: of every 24, 4 diligent, 1 retraining on all data, 2 training once,
    /// 1 submitting late, 2 with a flaky endpoint, 1 with a slow one, 1 never deploying, 2 never reporting an incident, 1
    /// raising false alarms, 2 copiers (copying the first and second diligent student), 1 never naming its model, 1 claiming
    /// data it never fetched, 1 reusing its model version, 2 deploying blue-green and 2 redeploying with downtime.
    /// </summary>
    public static IReadOnlyList<DemoRosterEntry> Roster(int count)
    {
        var archetypes = new List<StudentArchetype>();
        while (archetypes.Count < count)
        {
            foreach (var (archetype, n) in Mix)
            {
                archetypes.AddRange(Enumerable.Repeat(archetype, n));
            }
        }

        var roster = new List<DemoRosterEntry>(count);
        var diligent = new List<string>();
        var copiers = 0;
        for (var i = 0; i < count; i++)
        {
            var archetype = archetypes[i];
            var id = $"sim-{i + 1:00}";
            var first = FirstNames[i % FirstNames.Length];
            string? copies = null;
            if (archetype == StudentArchetype.Copier)
            {
                copies = diligent.Count == 0 ? null : diligent[copiers++ % diligent.Count];
                archetype = copies is null ? StudentArchetype.Diligent : archetype;
            }
            else if (archetype == StudentArchetype.Diligent)
            {
                diligent.Add(id);
            }

            var label = copies is null ? Label(archetype) : $"copies {roster.First(r => r.StudentId == copies).Name.Split(' ')[0]}";
            roster.Add(new DemoRosterEntry(id, $"{first} ({label})", archetype, copies));
        }

        return roster;
    }

    /// <summary>Seeds the cohort and runs its students until the scenario is over (then again with
    /// <see cref="DemoCohortOptions.RestartWhenFinished"/>) or <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            do
            {
                var students = await SeedAsync(cancellationToken);
                var spread = _options.PollInterval / Math.Max(1, students.Count);
                await Task.WhenAll(students.Select((s, i) => SuperviseAsync(s, spread * i, cancellationToken)));
                if (!cancellationToken.IsCancellationRequested)
                {
                    DemoLog.Finished(_logger, CohortId!);
                }
            }
            while (_options.RestartWhenFinished && !cancellationToken.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task<IReadOnlyList<SimulatedStudent>> SeedAsync(CancellationToken cancellationToken)
    {
        var roster = Roster(_options.Students);
        var (scenarioId, version) = await ScenarioAsync(cancellationToken);
        var cohort = await RetryAsync("creating the demo cohort", ct => AdminAsync(HttpMethod.Post, "/api/v1/admin/cohorts", JsonContent.Create(new
        {
            name = _options.CohortName,
            scenarioId,
            version,
            startsAt = _time.GetUtcNow(),
            speed = _options.Speed,
        }), ct), cancellationToken);
        var cohortId = cohort.GetProperty("id").GetString()!;
        var enrolled = await RetryAsync("enrolling the simulated students", ct => AdminAsync(HttpMethod.Post, $"/api/v1/admin/cohorts/{cohortId}/enrollments",
            JsonContent.Create(roster.Select(r => new { studentId = r.StudentId, name = r.Name, email = r.StudentId + "@example.org" })), ct), cancellationToken);
        var tokens = enrolled.GetProperty("students").EnumerateArray()
            .ToDictionary(s => s.GetProperty("studentId").GetString()!, s => s.GetProperty("token").GetString()!);

        var options = new SimulatedStudentOptions { PollInterval = _options.PollInterval };
        var students = new Dictionary<string, SimulatedStudent>();
        foreach (var entry in roster.Where(r => tokens.ContainsKey(r.StudentId)).OrderBy(r => r.CopiesStudentId is null ? 0 : 1))
        {
            var source = entry.CopiesStudentId is { } copies && students.TryGetValue(copies, out var s) ? s : null;
            var archetype = entry.Archetype == StudentArchetype.Copier && source is null ? StudentArchetype.Diligent : entry.Archetype;
            students[entry.StudentId] = new SimulatedStudent(entry.StudentId, archetype, _platform, tokens[entry.StudentId], _http, _endpoints, source,
                options, _time, _loggers.CreateLogger<SimulatedStudent>());
        }

        CohortId = cohortId;
        Students = [.. roster.Where(r => students.ContainsKey(r.StudentId)).Select(r => students[r.StudentId])];
        DemoLog.Seeded(_logger, cohortId, scenarioId, _options.Speed, Students.Count, _endpoints.BaseAddress);
        return Students;
    }

    /// <summary>The configured scenario, or <see cref="DemoScenario"/> uploaded (once: a restarted demo runs it again).</summary>
    private async Task<(string Id, int Version)> ScenarioAsync(CancellationToken cancellationToken)
    {
        if (_options.ScenarioId is { } configured)
        {
            return (configured, _options.Version);
        }

        if (_uploaded is null)
        {
            var created = await RetryAsync("uploading the demo scenario", ct => AdminAsync(HttpMethod.Post, "/api/v1/admin/scenarios",
                new StringContent(DemoScenario.Spec, Encoding.UTF8, "application/yaml"), ct), cancellationToken);
            _uploaded = (created.GetProperty("id").GetString()!, created.GetProperty("version").GetInt32());
        }

        return _uploaded.Value;
    }

    private async Task SuperviseAsync(SimulatedStudent student, TimeSpan offset, CancellationToken cancellationToken)
    {
        // Staggered starts, so two dozen students do not poll in lockstep.
        await Task.Delay(offset, _time, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await student.RunAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                DemoLog.StudentCrashed(_logger, e, student.Name);
                await Task.Delay(RestartDelay, _time, cancellationToken);
            }
        }
    }

    private async Task<T> RetryAsync<T>(string operation, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                return await attempt(cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                DemoLog.SeedFailed(_logger, operation, delay.TotalSeconds, e.Message);
                await Task.Delay(delay, _time, cancellationToken);
                delay = delay * 2 < MaxBackoff ? delay * 2 : MaxBackoff;
            }
        }
    }

    private async Task<JsonElement> AdminAsync(HttpMethod method, string path, HttpContent content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_platform, path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminKey);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        using var response = await _http.SendAsync(request, limit.Token);
        var text = await response.Content.ReadAsStringAsync(limit.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {path} answered {(int)response.StatusCode}: {(text.Length > 300 ? text[..300] : text)}", null, response.StatusCode);
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static string Label(StudentArchetype archetype) => archetype switch
    {
        StudentArchetype.Diligent => "diligent",
        StudentArchetype.TrainsOnce => "trains once",
        StudentArchetype.RetrainsEveryRelease => "retrains on all data",
        StudentArchetype.SubmitsLate => "submits late",
        StudentArchetype.FlakyEndpoint => "flaky endpoint",
        StudentArchetype.SlowEndpoint => "slow endpoint",
        StudentArchetype.NeverDeploys => "never deploys",
        StudentArchetype.Silent => "never reports incidents",
        StudentArchetype.FalseAlarmer => "raises false alarms",
        StudentArchetype.ReusesVersion => "reuses its model version",
        StudentArchetype.RedeploysWithDowntime => "redeploys with downtime",
        StudentArchetype.BlueGreen => "blue-green deploys",
        StudentArchetype.NoLineage => "never names its model",
        StudentArchetype.InflatedLineage => "claims data it never fetched",
        _ => archetype.ToString(),
    };
}
