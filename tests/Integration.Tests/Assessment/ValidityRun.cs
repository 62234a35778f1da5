using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PPipe.Integration.Tests.Infrastructure;
using PPipe.Simulation.Endpoints;
using PPipe.Simulation.Learning;
using PPipe.Simulation.Students;
using PPipe.TestSupport;

namespace PPipe.Integration.Tests.Assessment;

/// <summary>
/// What the rubric validity tests share: one embedded platform process (no demo) and one listener serving the simulated
/// students' endpoints on loopback, on which cohorts of simulated students run end to end through the public API only,
/// each scenario compressed into the same wall time, and whose settled grades are then read back and described.
/// </summary>
public sealed class ValidityRun : IAsyncDisposable
{
    private const string AdminKey = "validity-admin-key";

    /// <summary>The built-in templates, and how long each one's scenario runs.</summary>
    public static readonly IReadOnlyList<(string Template, TimeSpan Length)> Templates =
    [
        ("taxi-fares", TimeSpan.FromDays(28)),
        ("card-fraud", TimeSpan.FromDays(28)),
        ("energy-demand", TimeSpan.FromDays(28)),
        ("predictive-maintenance", TimeSpan.FromDays(21)),
        ("customer-churn", TimeSpan.FromDays(56)),
    ];

    private readonly HostProcess _frontend;
    private readonly SimulatedEndpoints _endpoints;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly HttpClient _admin;
    private readonly Uri _platform;
    private readonly TimeSpan _scenarioWallTime;

    private ValidityRun(HostProcess frontend, SimulatedEndpoints endpoints, Uri platform, TimeSpan scenarioWallTime)
    {
        _frontend = frontend;
        _endpoints = endpoints;
        _platform = platform;
        _scenarioWallTime = scenarioWallTime;
        _admin = new HttpClient { BaseAddress = platform };
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>How long the built-in <paramref name="template"/>'s scenario runs.</summary>
    public static TimeSpan LengthOf(string template) => Templates.Single(t => t.Template == template).Length;

    /// <summary>Starts the platform and the endpoints; every cohort run on them compresses its scenario into <paramref name="scenarioWallTime"/>.</summary>
    public static async Task<ValidityRun> StartAsync(TimeSpan scenarioWallTime)
    {
        var platform = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var frontend = HostProcess.Start("frontend", RepoPaths.FrontendDll, new Dictionary<string, string>
        {
            ["Admin__ApiKey"] = AdminKey,
            ["Demo__Enabled"] = "false",
        }, "--urls", platform.ToString());
        try
        {
            await frontend.WaitForLineAsync("P-PIPE is serving", TimeSpan.FromSeconds(90));
            return new ValidityRun(frontend, await SimulatedEndpoints.StartAsync(cancellationToken: Ct), platform, scenarioWallTime);
        }
        catch
        {
            await frontend.DisposeAsync();
            throw;
        }
    }

    /// <summary>Uploads a scenario spec (YAML) and returns the new scenario's id.</summary>
    public async Task<string> UploadScenarioAsync(string yaml)
    {
        using var spec = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        var uploaded = await _admin.PostAsync("/api/v1/admin/scenarios", spec, Ct);
        Assert.True(uploaded.StatusCode == HttpStatusCode.Created, $"uploading a scenario: {uploaded.StatusCode} {await uploaded.Content.ReadAsStringAsync(Ct)}");
        return (await uploaded.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    /// <summary>Uploads <paramref name="csv"/> as version 1 of dataset <paramref name="id"/> and confirms its roles (<paramref name="target"/>).</summary>
    public async Task UploadDatasetAsync(string id, string csv, string target)
    {
        using var file = new StringContent(csv, Encoding.UTF8, "text/csv");
        var uploaded = await _admin.PostAsync($"/api/v1/admin/datasets?id={id}", file, Ct);
        Assert.True(uploaded.IsSuccessStatusCode, $"uploading dataset {id}: {uploaded.StatusCode} {await uploaded.Content.ReadAsStringAsync(Ct)}");
        var roles = await _admin.PutAsJsonAsync($"/api/v1/admin/datasets/{id}/versions/1/roles", new { target }, Ct);
        Assert.True(roles.IsSuccessStatusCode, $"naming {id}'s target: {roles.StatusCode} {await roles.Content.ReadAsStringAsync(Ct)}");
    }

    /// <summary>
    /// Opens a cohort of <paramref name="scenarioId"/> (version 1, late work accepted without penalty) starting in three
    /// seconds, with one student of each archetype (who learns with the linear model) and one of each
    /// <paramref name="boosted"/> archetype who fits gradient-boosted trees; runs them all to the scenario's end and returns
    /// their grades once every batch has been scored. A slow endpoint answers in <paramref name="slowMs"/>; students whose
    /// endpoints are not served register none.
    /// </summary>
    public async Task<CohortRun> RunCohortAsync(string label, string scenarioId, TimeSpan duration, StudentArchetype[] archetypes,
        StudentArchetype[]? boosted = null, int slowMs = 600, bool serveEndpoints = true)
    {
        boosted ??= [];
        var endpoints = serveEndpoints ? _endpoints : null;
        var names = archetypes.Select(a => (Id: Name(a), Display: a.ToString())).Concat(boosted.Select(a => (Id: BoostedName(a), Display: "Boosted" + a))).ToList();
        var speed = duration / _scenarioWallTime;
        var created = await _admin.PostAsJsonAsync("/api/v1/admin/cohorts", new
        {
            name = "Validity " + label,
            scenarioId,
            version = 1,
            startsAt = DateTimeOffset.UtcNow.AddSeconds(3),
            speed,
            late = new { policy = "accept" },
        }, Ct);
        var cohort = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var enrolled = await _admin.PostAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/enrollments",
            names.Select(n => new { studentId = n.Id, name = n.Display, email = n.Id + "@example.org" }), Ct);
        var tokens = (await enrolled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("students").EnumerateArray()
            .ToDictionary(s => s.GetProperty("studentId").GetString()!, s => s.GetProperty("token").GetString()!);

        var options = new SimulatedStudentOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(200),
            SlowDelay = TimeSpan.FromMilliseconds(slowMs),
            StopAfterEnd = TimeSpan.FromSeconds(3),
            // A few scenario hours at these speeds: several probes fail at each switch.
            RedeployDowntime = TimeSpan.FromSeconds(1.5),
            EnrollmentRefresh = TimeSpan.FromSeconds(20),
        };
        var students = new Dictionary<StudentArchetype, SimulatedStudent>();
        foreach (var archetype in archetypes)
        {
            var source = archetype == StudentArchetype.Copier ? students[StudentArchetype.Diligent] : null;
            students[archetype] = new SimulatedStudent($"{label}-{Name(archetype)}", archetype, _platform, tokens[Name(archetype)], _http,
                endpoints, source, options);
        }

        var boostedOptions = new SimulatedStudentOptions
        {
            PollInterval = options.PollInterval,
            SlowDelay = options.SlowDelay,
            StopAfterEnd = options.StopAfterEnd,
            EnrollmentRefresh = options.EnrollmentRefresh,
            Learner = LearnerKind.BoostedTrees,
        };
        var boostedStudents = boosted.ToDictionary(a => a, a => new SimulatedStudent($"{label}-{BoostedName(a)}", a, _platform, tokens[BoostedName(a)], _http,
            endpoints, null, boostedOptions));

        await Task.WhenAll(students.Values.Concat(boostedStudents.Values).Select(s => s.RunAsync(Ct)));

        // The last batches are scored by ticks at the end; wait until every student's grade has settled on them.
        var grades = new Dictionary<StudentArchetype, JsonElement>();
        foreach (var archetype in archetypes)
        {
            grades[archetype] = await SettledGradeAsync(tokens[Name(archetype)], label);
        }

        var boostedGrades = new Dictionary<StudentArchetype, JsonElement>();
        foreach (var archetype in boosted)
        {
            boostedGrades[archetype] = await SettledGradeAsync(tokens[BoostedName(archetype)], label);
        }

        var flags = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/flags", Ct);
        return new CohortRun(label, cohort, grades, flags, students, boostedGrades);
    }

    /// <summary>The criterion called <paramref name="name"/> in a grade.</summary>
    public static JsonElement Criterion(JsonElement grade, string name) =>
        grade.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>A criterion's score, or NaN when it has none yet.</summary>
    public static double Score(JsonElement grade, string criterion) =>
        Criterion(grade, criterion).GetProperty("score") is { ValueKind: JsonValueKind.Number } s ? s.GetDouble() : double.NaN;

    /// <summary>The student id of an archetype's student in a cohort.</summary>
    public static string Name(StudentArchetype archetype) => archetype.ToString().ToLowerInvariant();

    /// <summary>
    /// Every student's overall and criterion scores, the copy flags and the incident reports, cohort by cohort, with the
    /// feedback on <paramref name="feedbackOf"/> criteria where a grade has them: what a failing ordering is read against.
    /// </summary>
    public static string Describe(IEnumerable<CohortRun> runs, params string[] feedbackOf)
    {
        var text = new StringBuilder();
        foreach (var run in runs)
        {
            text.Append(run.Template).Append(" (").Append(run.CohortId).Append(")\n");
            foreach (var (name, grade) in run.Grades.Select(g => (g.Key.ToString(), g.Value)).Concat(run.BoostedGrades.Select(g => ("Boosted" + g.Key, g.Value))))
            {
                text.Append("  ").Append(name.PadRight(22)).Append(grade.GetProperty("overall").GetProperty("score")).Append(' ');
                foreach (var c in grade.GetProperty("criteria").EnumerateArray())
                {
                    text.Append(c.GetProperty("name").GetString()).Append('=').Append(c.GetProperty("score")).Append(' ');
                }

                text.Append('\n');
            }

            text.Append("  flags: ").Append(run.Flags).Append('\n');
            foreach (var (archetype, grade) in run.Grades)
            {
                foreach (var criterion in grade.GetProperty("criteria").EnumerateArray().Where(c => feedbackOf.Contains(c.GetProperty("name").GetString())))
                {
                    text.Append("  ").Append(criterion.GetProperty("name").GetString()).Append(" of ").Append(archetype).Append(": ")
                        .Append(criterion.GetProperty("feedback").GetString()).Append('\n');
                }
            }

            foreach (var (archetype, student) in run.Students.Where(s => s.Value.Activity.Reports.Count > 0))
            {
                text.Append("  reports of ").Append(archetype).Append(": ")
                    .AppendJoin("; ", student.Activity.Reports.Select(r => $"{r.Report.Kind} [{string.Join(',', r.Report.Features)}{r.Report.Channel}] {r.Status}"))
                    .Append('\n');
            }
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _http.Dispose();
        await _endpoints.DisposeAsync();
        await _frontend.DisposeAsync();
    }

    private static string BoostedName(StudentArchetype archetype) => "boosted-" + Name(archetype);

    private async Task<JsonElement> SettledGradeAsync(string token, string label)
    {
        using var student = new HttpClient { BaseAddress = _platform };
        student.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await Eventually.ReturnsAsync(() => student.GetFromJsonAsync<JsonElement>("/api/v1/batches", Ct),
            b => b.EnumerateArray().All(x => x.GetProperty("status").GetString() == "scored"), $"{label}: every batch scored", TimeSpan.FromSeconds(60), cancellationToken: Ct);
        return await student.GetFromJsonAsync<JsonElement>("/api/v1/grade", Ct);
    }
}
