using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PPipe.Scenarios;
using PPipe.Scenarios.Output;
using PPipe.Simulation.Endpoints;
using PPipe.Simulation.Learning;

namespace PPipe.Simulation.Students;

/// <summary>
/// A student's pipeline, written against the public API only, with the habits of one
/// <see cref="StudentArchetype"/>. <see cref="RunAsync"/> loops until the scenario is over (or it is
/// cancelled): it polls the release list with its ETag and downloads each new release through its channel
/// (REST for api, stream and webhook releases once listed; a SigV4-signed GET for bucket releases),
/// retrains as its archetype does, registers its endpoint on <see cref="SimulatedEndpoints"/> once it has a
/// model, and submits predictions for the batches it should. Unless it is <see cref="StudentArchetype.Silent"/>, it checks
/// each release and each channel's answers with a <see cref="ReleaseMonitor"/> and files the incident reports they call
/// for (a report the platform refuses is not sent again). Each step fails alone: a failure is recorded
/// in <see cref="Activity"/>, logged, and retried with backoff; a 429 or 503 is retried after its
/// <c>Retry-After</c>.
/// </summary>
public sealed class SimulatedStudent : ISimulatedEndpoint
{
    private readonly PlatformClient _api;
    private readonly SimulatedEndpoints? _endpoints;
    private readonly SimulatedStudent? _copyFrom;
    private readonly SimulatedStudentOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // Loop state: touched only by the one running loop.
    private readonly SortedDictionary<int, DataTable> _releases = [];
    private readonly HashSet<int> _fetched = [];
    private readonly HashSet<int> _submitted = [];
    private readonly HashSet<int> _givenUp = [];
    private readonly HashSet<int> _seenOpen = [];
    private readonly Dictionary<string, string> _lastProblem = [];
    private readonly OperationPacer _enrollmentPacer;
    private readonly OperationPacer _releasePacer;
    private readonly OperationPacer _endpointPacer;
    private readonly OperationPacer _batchPacer;
    private readonly OperationPacer _reportPacer;
    private readonly OperationPacer _deployPacer;
    private readonly ReleaseMonitor? _monitor;
    private readonly Queue<IncidentReport> _reports = new();
    private IReadOnlyList<ListedRelease> _pending = [];
    private string? _etag;
    private int _etagAfter = -1;
    private bool _newData;
    private bool _frozen;
    private bool _registered;

    /// <summary>Models trained so far: the next one is named v{count + 1} by the archetypes that name their models.</summary>

    /// <summary>A blue-green student's new model, served once its deploy is announced.</summary>
    private ServedModel? _staged;
    private DateTimeOffset _startedAt;
    private int _running;

    // Read from other threads: the endpoint host and copiers.
    private readonly ConcurrentDictionary<int, string> _predictions = new();
    private volatile ServedModel? _serving;
    private int _trained;
    private volatile StudentEnrollment? _enrollment;

    /// <param name="name">Unique among the students of one <see cref="SimulatedEndpoints"/>; names the endpoint.</param>
    /// <param name="archetype">The student's habits.</param>
    /// <param name="platform">The platform's base address, e.g. <c>http://127.0.0.1:5080/</c>.</param>
    /// <param name="token">The student's API token.</param>
    /// <param name="http">A client to send requests with; may be shared by many students (the token is set per request).</param>
    /// <param name="endpoints">Where the student serves its model; null for a student without an endpoint.</param>
    /// <param name="copyFrom">The student a <see cref="StudentArchetype.Copier"/> copies (required for it, ignored otherwise).</param>
    /// <param name="options">Pace and habits; defaults when null.</param>
    /// <param name="time">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Where problems are logged.</param>
    public SimulatedStudent(
        string name,
        StudentArchetype archetype,
        Uri platform,
        string token,
        HttpClient http,
        SimulatedEndpoints? endpoints = null,
        SimulatedStudent? copyFrom = null,
        SimulatedStudentOptions? options = null,
        TimeProvider? time = null,
        ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        ArgumentNullException.ThrowIfNull(http);
        if (archetype == StudentArchetype.Copier && copyFrom is null)
        {
            throw new ArgumentException("A copier needs a student to copy from.", nameof(copyFrom));
        }

        Name = name;
        Archetype = archetype;
        _options = options ?? new SimulatedStudentOptions();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _endpoints = endpoints;
        _copyFrom = archetype == StudentArchetype.Copier ? copyFrom : null;
        _api = new PlatformClient(http, platform, token, _time, _options.RequestTimeout);
        _enrollmentPacer = new OperationPacer(_options.PollInterval, _options.MaxBackoff);
        _releasePacer = new OperationPacer(_options.PollInterval, _options.MaxBackoff);
        _endpointPacer = new OperationPacer(_options.PollInterval, _options.MaxBackoff);
        _batchPacer = new OperationPacer(_options.PollInterval, _options.MaxBackoff);
        _reportPacer = new OperationPacer(_options.PollInterval, _options.MaxBackoff);
        _deployPacer = new OperationPacer(_options.PollInterval, _options.MaxBackoff);
        var window = Math.Max(1, _options.WindowReleases);
        _monitor = archetype switch
        {
            StudentArchetype.Silent => null,
            StudentArchetype.FalseAlarmer => new ReleaseMonitor(_options.FalseAlarmerThreshold, 0, window, _options.FalseAlarmerBaselessEvery),
            _ => new ReleaseMonitor(_options.DriftThreshold, _options.DriftMinEffect, window),
        };
        var seed = Seed(name);
        Behaviour = archetype switch
        {
            StudentArchetype.FlakyEndpoint => new EndpointBehaviour(_options.FlakyFailureRate, TimeSpan.Zero, seed),
            StudentArchetype.SlowEndpoint => new EndpointBehaviour(0, _options.SlowDelay, seed),
            _ => EndpointBehaviour.Reliable,
        };
    }

    public string Name { get; }

    public StudentArchetype Archetype { get; }

    /// <summary>What the student did so far.</summary>
    public StudentActivity Activity { get; } = new();

    /// <summary>What <c>/api/v1/me</c> said, once read.</summary>
    public StudentEnrollment? Enrollment => _enrollment;

    /// <summary>The model the student uses now, or null before its first training.</summary>
    public Model? Model => _serving?.Model;

    public ServedModel? Serving => _serving;

    public EndpointBehaviour Behaviour { get; }

    /// <summary>The URL the student registers (or would register), or null when it has no endpoint.</summary>
    public Uri? EndpointUrl => Deploys ? _endpoints!.UrlOf(Name) : null;

    /// <summary>True once the platform accepted the endpoint registration.</summary>
    public bool EndpointRegistered => Volatile.Read(ref _registered);

    private bool Deploys => Archetype != StudentArchetype.NeverDeploys && _endpoints is not null;

    /// <summary>The predictions CSV the student last submitted (accepted) for batch <paramref name="seq"/>, or null.</summary>
    public string? PredictionsFor(int seq) => _predictions.TryGetValue(seq, out var csv) ? csv : null;

    void ISimulatedEndpoint.Served(EndpointCall call) => Activity.Add(call);

    /// <summary>
    /// Runs the pipeline until the scenario has ended (plus <see cref="SimulatedStudentOptions.StopAfterEnd"/>)
    /// or <paramref name="cancellationToken"/> is cancelled; returns quietly either way. The endpoint keeps
    /// being served after it returns, until the <see cref="SimulatedEndpoints"/> is disposed.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException($"Simulated student {Name} is already running.");
        }

        try
        {
            _startedAt = _time.GetUtcNow();
            if (Deploys)
            {
                _endpoints!.Add(this);
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                await StepAsync(_enrollmentPacer, "read /api/v1/me", LoadEnrollmentAsync, cancellationToken, _options.EnrollmentRefresh);
                if (_enrollment is { } enrollment)
                {
                    await StepAsync(_releasePacer, "fetch releases", PollReleasesAsync, cancellationToken);
                    Train(enrollment);
                    if (_staged is not null)
                    {
                        await StepAsync(_deployPacer, "announce a deploy", AnnounceDeployAsync, cancellationToken);
                    }

                    if (Deploys)
                    {
                        await StepAsync(_endpointPacer, "register the endpoint", RegisterEndpointAsync, cancellationToken);
                    }

                    await StepAsync(_batchPacer, "submit batches", SubmitBatchesAsync, cancellationToken);
                    if (_reports.Count > 0)
                    {
                        // After the batches: a report can wait a moment, a batch due soon cannot.
                        await StepAsync(_reportPacer, "report incidents", FileReportsAsync, cancellationToken);
                    }

                    if (enrollment.EndsAt is { } end && _time.GetUtcNow() > end + _options.StopAfterEnd)
                    {
                        return;
                    }
                }

                await Task.Delay(_options.PollInterval, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task StepAsync(OperationPacer pacer, string operation, Func<CancellationToken, Task> step,
        CancellationToken cancellationToken, TimeSpan next = default)
    {
        var now = _time.GetUtcNow();
        if (!pacer.IsDue(now))
        {
            return;
        }

        try
        {
            await step(cancellationToken);
            pacer.Succeeded(_time.GetUtcNow(), next);
            _lastProblem.Remove(operation);
        }
        catch (RetryLaterException e)
        {
            Activity.CountThrottled();
            pacer.RetryAfter(_time.GetUtcNow(), e.RetryAfter);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            pacer.Failed(_time.GetUtcNow());
            Problem(operation, e.Message, e is PlatformException platform ? $"status {platform.Status}" : e.Message);
        }
    }

    /// <summary>Records a problem; logs it as a warning unless it is the same kind as the last one of the operation.</summary>
    private void Problem(string operation, string message, string? kind = null)
    {
        kind ??= message;
        Activity.Add(new StudentProblem(_time.GetUtcNow(), operation, message));
        if (_lastProblem.TryGetValue(operation, out var last) && last == kind)
        {
            StudentLog.StepFailedAgain(_logger, Name, operation, message);
        }
        else
        {
            StudentLog.StepFailed(_logger, Name, operation, message);
        }

        _lastProblem[operation] = kind;
    }

    private async Task LoadEnrollmentAsync(CancellationToken cancellationToken)
    {
        var response = await _api.SendAsync(HttpMethod.Get, "/api/v1/me", null, null, cancellationToken);
        var body = Expect(response, "GET /api/v1/me");
        _enrollment = StudentEnrollment.Parse(body);
    }

    private async Task PollReleasesAsync(CancellationToken cancellationToken)
    {
        var after = Contiguous();
        var path = after > 0 ? $"/api/v1/releases?after={after.ToString(CultureInfo.InvariantCulture)}" : "/api/v1/releases";
        var response = await _api.SendAsync(HttpMethod.Get, path, null, _etagAfter == after ? _etag : null, cancellationToken);
        Watch(response, "api");
        if (response.Status == 304)
        {
            Activity.CountNotModified();
        }
        else
        {
            var body = Expect(response, "GET /api/v1/releases");
            _etag = response.ETag;
            _etagAfter = after;
            _pending = ListedRelease.ParseList(body);
        }

        // Releases listed but not fetched yet (a channel in an outage, say) are retried even while the list is unchanged.
        foreach (var release in _pending.Where(r => !_fetched.Contains(r.Seq)).ToList())
        {
            await FetchAsync(release, cancellationToken);
        }
    }

    private async Task FetchAsync(ListedRelease release, CancellationToken cancellationToken)
    {
        PlatformResponse response;
        string operation;
        if (release.Channel == "bucket")
        {
            var bucket = _enrollment?.Bucket ?? throw new InvalidOperationException($"Release {release.Seq} is in the bucket, but /api/v1/me names no bucket.");
            var key = release.ObjectKey ?? throw new InvalidOperationException($"Release {release.Seq} is a bucket release but its listing gives no object key.");
            operation = $"GET s3://{bucket.Bucket}/{key}";
            response = await _api.GetObjectAsync(bucket, key, cancellationToken);
        }
        else
        {
            // api releases, and stream and webhook releases once the list announces them, are read over REST.
            var link = release.CsvLink ?? $"/api/v1/releases/{release.Seq}.csv";
            operation = "GET " + link;
            response = await _api.SendAsync(HttpMethod.Get, link, null, null, cancellationToken);
        }

        Watch(response, release.Channel);
        var table = DataTable.ReadCsv(Expect(response, operation));
        foreach (var report in _monitor?.Observe(release.Seq, table, ScenarioNow()) ?? [])
        {
            _reports.Enqueue(report);
        }

        _releases[release.Seq] = table;
        _fetched.Add(release.Seq);
        _newData = true;
        Activity.Add(new ReleaseFetch(release.Seq, release.Channel, table.Count, _time.GetUtcNow()));
        StudentLog.Fetched(_logger, Name, release.Seq, table.Count, release.Channel);
    }

    /// <summary>What the student's monitoring makes of an answer through <paramref name="channel"/>: an outage to report,
    /// or the channel answering again.</summary>
    private void Watch(PlatformResponse response, string channel)
    {
        if (_monitor is null)
        {
            return;
        }

        if (ReleaseMonitor.OutageChannel(response.Status, response.Body) is { } down)
        {
            if (_monitor.ChannelDown(down, ScenarioNow()) is { } report)
            {
                _reports.Enqueue(report);
            }
        }
        else if (response.IsSuccess || response.Status == 304)
        {
            _monitor.ChannelUp(channel);
        }
    }

    /// <summary>Scenario time now, by the clock <c>/api/v1/me</c> gave.</summary>
    private DateTimeOffset ScenarioNow() => _enrollment!.ScenarioTimeAt(_time.GetUtcNow());

    /// <summary>
    /// Files the reports waiting, oldest first, none begun before the scenario's start (a release's first rows may
    /// predate it by a fraction of a second). A 503 or another server error leaves them for a retry; any other refusal
    /// (429 past the day's limit, 409 outside the scenario, 422) drops the report: sending it again would only be refused
    /// again, and a refusal over the limit counts as one more false alarm.
    /// </summary>
    private async Task FileReportsAsync(CancellationToken cancellationToken)
    {
        while (_reports.TryPeek(out var report))
        {
            var beganAt = report.BeganAt < _enrollment!.StartsAt ? _enrollment.StartsAt : report.BeganAt;
            using var content = JsonContent.Create(new { kind = report.Kind, features = report.Features, channel = report.Channel, beganAt, summary = report.Summary });
            var response = await _api.SendAsync(HttpMethod.Post, "/api/v1/incidents", content, null, cancellationToken);
            if (response.Status == 503)
            {
                ThrowIfBusy(response, "POST /api/v1/incidents");
            }

            Activity.Add(new ReportFiling(_time.GetUtcNow(), report, response.Status, response.IsSuccess ? null : response.Excerpt));
            StudentLog.Reported(_logger, Name, report.Kind, string.Join(',', report.Features), response.Status);
            if (response.Status >= 500)
            {
                throw new PlatformException("POST /api/v1/incidents", response);
            }

            _reports.Dequeue();
            if (!response.IsSuccess)
            {
                Problem("report incidents", $"POST /api/v1/incidents answered {response.Status}: {response.Excerpt}");
            }
        }
    }

    /// <summary>The highest n such that releases 1..n are all fetched.</summary>
    private int Contiguous()
    {
        var n = 0;
        while (_fetched.Contains(n + 1))
        {
            n++;
        }

        return n;
    }

    private void Train(StudentEnrollment enrollment)
    {
        if (!_newData)
        {
            return;
        }

        _newData = false;
        if (_frozen)
        {
            _releases.Clear(); // a student who trained once has no use for new data
            return;
        }

        try
        {
            var window = Math.Max(1, _options.WindowReleases);
            List<int> used = Archetype switch
            {
                StudentArchetype.RetrainsEveryRelease => [.. _releases.Keys],
                StudentArchetype.TrainsOnce => [.. _releases.Keys.Take(window)],
                _ => [.. _releases.Keys.TakeLast(window)],
            };
            var table = DataTable.Concat(used.Select(seq => _releases[seq]));
            if (Archetype == StudentArchetype.RetrainsEveryRelease)
            {
                table = table.TakeLast(_options.MaxTrainingRows);
            }

            if (table.Count == 0)
            {
                return;
            }

            var model = Learner.Fit(table, enrollment.Target, enrollment.Task, _options.Learner, enrollment.PositiveClass);
            _trained++;
            var (version, trainedThrough) = Lineage(used.Max());
            Serve(new ServedModel(model, enrollment.Task == ScenarioTask.Binary && enrollment.Metric.NeedsProbability(), version, trainedThrough));
            Activity.Add(new ModelTraining(_time.GetUtcNow(), used, table.Count, model.FitTime));
            StudentLog.Trained(_logger, Name, string.Join(',', used), table.Count, model.FitTime.TotalMilliseconds);
            _frozen = Archetype == StudentArchetype.TrainsOnce && used.Count >= window;
            Prune(window);
        }
        catch (Exception e)
        {
            // A fit that fails keeps the previous model in service; the next release brings another try.
            Problem("train", e.Message);
        }
    }

    /// <summary>
    /// How the archetype names the model just trained (the <see cref="_trained"/>th) on releases up to <paramref name="newest"/>:
    /// a new version with the newest release trained on (most); the first model's name and claim again
    /// (<see cref="StudentArchetype.ReusesVersion"/>); no name (<see cref="StudentArchetype.NoLineage"/>); a new version
    /// claiming releases it never fetched (<see cref="StudentArchetype.InflatedLineage"/>).
    /// </summary>
    private (string? Version, int TrainedThrough) Lineage(int newest)
    {
        var version = $"v{_trained.ToString(CultureInfo.InvariantCulture)}";
        return Archetype switch
        {
            StudentArchetype.ReusesVersion when _serving is { Version: { } first } served => (first, served.TrainedThrough),
            StudentArchetype.NoLineage => (null, 0),
            StudentArchetype.InflatedLineage => (version, newest + Math.Max(1, _options.LineageInflation)),
            _ => (version, newest),
        };
    }

    /// <summary>
    /// Puts a newly trained model (named with its version) in service the archetype's way: at once (most); after a downtime
    /// (<see cref="StudentArchetype.RedeploysWithDowntime"/>); staged until its deploy is announced
    /// (<see cref="StudentArchetype.BlueGreen"/>). The first model of each goes in service at once: there is nothing to replace.
    /// </summary>
    private void Serve(ServedModel model)
    {
        if (_serving is null || Archetype is not (StudentArchetype.RedeploysWithDowntime or StudentArchetype.BlueGreen))
        {
            _serving = model;
        }
        else if (Archetype == StudentArchetype.RedeploysWithDowntime)
        {
            _serving = model with { DownUntil = _time.GetUtcNow() + _options.RedeployDowntime };
        }
        else
        {
            _staged = model;
        }
    }

    /// <summary>Announces the staged model's deploy (when the endpoint is registered), then serves it, announced or not.</summary>
    private async Task AnnounceDeployAsync(CancellationToken cancellationToken)
    {
        if (_staged is not { } staged)
        {
            return;
        }

        try
        {
            if (_registered)
            {
                using var content = JsonContent.Create(new { version = staged.Version, note = "blue-green: the new model starts beside the old one" });
                var response = await _api.SendAsync(HttpMethod.Post, "/api/v1/deployments", content, null, cancellationToken);
                ThrowIfBusy(response, "POST /api/v1/deployments");
                if (!response.IsSuccess)
                {
                    throw new PlatformException("POST /api/v1/deployments", response);
                }
            }
        }
        finally
        {
            // A refused or lost announcement does not hold the new model back: it only goes unannounced.
            if (ReferenceEquals(_staged, staged))
            {
                _serving = staged;
                _staged = null;
            }
        }
    }

    /// <summary>Drops the releases the student will never train on again, so a long run stays bounded.</summary>
    private void Prune(int window)
    {
        IEnumerable<int> drop = Archetype switch
        {
            StudentArchetype.TrainsOnce => _frozen ? [.. _releases.Keys] : [],
            StudentArchetype.RetrainsEveryRelease => OldestBeyond(_options.MaxTrainingRows),
            _ => _releases.Keys.SkipLast(window).ToList(),
        };
        foreach (var seq in drop)
        {
            _releases.Remove(seq);
        }
    }

    /// <summary>The oldest releases whose rows are not needed to keep <paramref name="rows"/> of the newest.</summary>
    private List<int> OldestBeyond(int rows)
    {
        var kept = 0;
        var drop = new List<int>();
        foreach (var (seq, table) in _releases.Reverse())
        {
            if (kept >= rows)
            {
                drop.Add(seq);
            }

            kept += table.Count;
        }

        return drop;
    }

    private async Task RegisterEndpointAsync(CancellationToken cancellationToken)
    {
        if (_registered || _serving is null)
        {
            return;
        }

        var url = _endpoints!.UrlOf(Name);
        using var content = JsonContent.Create(new { url = url.ToString() });
        var response = await _api.SendAsync(HttpMethod.Put, "/api/v1/endpoint", content, null, cancellationToken);
        ThrowIfBusy(response, "PUT /api/v1/endpoint");
        Activity.Add(new EndpointRegistration(_time.GetUtcNow(), url, response.Status, response.Excerpt));
        if (!response.IsSuccess)
        {
            throw new PlatformException("PUT /api/v1/endpoint", response);
        }

        Volatile.Write(ref _registered, true);
        StudentLog.Registered(_logger, Name, url, response.Status);
    }

    private async Task SubmitBatchesAsync(CancellationToken cancellationToken)
    {
        var response = await _api.SendAsync(HttpMethod.Get, "/api/v1/batches", null, null, cancellationToken);
        var batches = ListedBatch.ParseList(Expect(response, "GET /api/v1/batches"));
        foreach (var batch in batches)
        {
            if (batch.IsOpen)
            {
                _seenOpen.Add(batch.Seq);
            }

            if (_submitted.Contains(batch.Seq) || _givenUp.Contains(batch.Seq))
            {
                continue;
            }

            if (PredictionsToSubmit(batch) is { } predictions)
            {
                await SubmitAsync(batch, predictions, cancellationToken);
            }
        }
    }

    /// <summary>What to submit for a batch now, or null when this student would not submit it (yet).</summary>
    private Func<CancellationToken, Task<string?>>? PredictionsToSubmit(ListedBatch batch)
    {
        var now = _time.GetUtcNow();
        switch (Archetype)
        {
            case StudentArchetype.Copier:
                var copied = _copyFrom!.PredictionsFor(batch.Seq);
                return copied is not null && (batch.IsOpen || (batch.IsClosed && _seenOpen.Contains(batch.Seq)))
                    ? _ => Task.FromResult<string?>(copied)
                    : null;
            case StudentArchetype.SubmitsLate:
                var lateAt = batch.DueAt + _enrollment!.WallTimeOf(_options.LateBy);
                var ours = _seenOpen.Contains(batch.Seq) || batch.DueAt >= _startedAt;
                return _serving is not null && ours && (batch.IsOpen || batch.IsClosed) && now >= lateAt ? PredictAsync(batch) : null;
            default:
                return _serving is not null && batch.IsOpen ? PredictAsync(batch) : null;
        }
    }

    private Func<CancellationToken, Task<string?>> PredictAsync(ListedBatch batch) => async cancellationToken =>
    {
        var path = $"/api/v1/batches/{batch.Seq.ToString(CultureInfo.InvariantCulture)}/features.csv";
        var features = DataTable.ReadCsv(Expect(await _api.SendAsync(HttpMethod.Get, path, null, null, cancellationToken), "GET " + path));
        return _serving is { } serving ? PredictionsCsv(features, serving) : null;
    };

    private async Task SubmitAsync(ListedBatch batch, Func<CancellationToken, Task<string?>> predictions, CancellationToken cancellationToken)
    {
        if (await predictions(cancellationToken) is not { } csv)
        {
            return;
        }

        var path = $"/api/v1/batches/{batch.Seq.ToString(CultureInfo.InvariantCulture)}/predictions";
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        var response = await _api.SendAsync(HttpMethod.Post, path, content, null, cancellationToken);
        if (response.Status != 429 || response.RetryAfter is not null)
        {
            ThrowIfBusy(response, "POST " + path); // a 429 without Retry-After is the batch's submission limit: not worth retrying
        }

        var now = _time.GetUtcNow();
        var rows = Math.Max(0, csv.Count(c => c == '\n') - 1);
        var copied = Archetype == StudentArchetype.Copier;
        StudentLog.Submitted(_logger, Name, batch.Seq, response.Status);
        if (response.IsSuccess)
        {
            _submitted.Add(batch.Seq);
            _predictions[batch.Seq] = csv;
            Activity.Add(new BatchSubmission(batch.Seq, now, batch.DueAt, response.Status, rows, LateFlag(response.Body) ?? now >= batch.DueAt, copied, null));
            return;
        }

        Activity.Add(new BatchSubmission(batch.Seq, now, batch.DueAt, response.Status, rows, now >= batch.DueAt, copied, response.Excerpt));
        if (response.Status is 409 or 413 or 422 or 429)
        {
            // Closed to late work, over the limit, or predictions the platform will never take: resending would not help.
            _givenUp.Add(batch.Seq);
            Problem("submit batches", $"POST {path} answered {response.Status}: {response.Excerpt}");
            return;
        }

        throw new PlatformException("POST " + path, response);
    }

    /// <summary><c>id,prediction</c>, plus <c>probability</c> (of the positive class) for binary tasks.</summary>
    private static string PredictionsCsv(DataTable features, ServedModel serving)
    {
        var id = features.IndexOf("id");
        if (id < 0)
        {
            throw new FormatException("The batch's features have no id column.");
        }

        var model = serving.Model;
        var predictions = model.Predict(features);
        var binary = model.Task == ScenarioTask.Binary;
        var csv = new StringBuilder(features.Count * 32);
        csv.Append(binary ? "id,prediction,probability\n" : "id,prediction\n");
        for (var r = 0; r < features.Count; r++)
        {
            var p = predictions[r];
            csv.Append(features.Rows[r][id]).Append(',');
            if (model.Task.IsNumeric())
            {
                csv.Append(Number(p.Value));
            }
            else
            {
                csv.Append(CsvText.Escape(p.Label ?? ""));
                if (binary)
                {
                    csv.Append(',').Append(p.Probability is { } probability ? Number(probability) : "");
                }
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }

    private static string Number(double value) => Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);

    private static bool? LateFlag(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("late", out var late)
                && late.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? late.GetBoolean()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The body of a successful response; throws for anything else (retry later on 429 and 503).</summary>
    private static string Expect(PlatformResponse response, string operation)
    {
        ThrowIfBusy(response, operation);
        return response.IsSuccess ? response.Body : throw new PlatformException(operation, response);
    }

    private static void ThrowIfBusy(PlatformResponse response, string operation)
    {
        if (response.IsBusy)
        {
            throw new RetryLaterException(operation, response.Status, response.RetryAfter);
        }
    }

    /// <summary>A stable seed from the name (FNV-1a), so a flaky endpoint fails the same calls in every run.</summary>
    private static ulong Seed(string name)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }

        return hash;
    }
}
