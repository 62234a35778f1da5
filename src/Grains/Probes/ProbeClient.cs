using System.Collections.Immutable;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using PPipe.Grains.Outbound;
using PPipe.Grains.Interfaces.Outbound;
using PPipe.Scenarios;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Grains.Client.Scenarios;

namespace PPipe.Grains.Probes;

/// <summary>
/// Probes students' model endpoints through the guarded outbound client: regenerates the slot's rows,
/// POSTs them, reads and scores the predictions. Every attempt is returned, none is hidden; remote
/// failures are results, not exceptions. Register as a singleton. Per call:
/// <list type="number">
/// <item>Wait for one of <see cref="ProbeOptions.MaxConcurrency"/> places on this silo, at most
/// <see cref="ProbeOptions.QueueTimeout"/> (else <see cref="ProbeCapacityException"/>).</item>
/// <item>Scheduled probes pass the endpoint's circuit breaker (one per scheme, host and port). It counts
/// probes that found the endpoint unavailable (no connection, no answer in time, a dropped connection,
/// 5xx) and, once open, fails probes at once with <see cref="OutboundFailureKind.CircuitOpen"/> and no
/// network call. The verification probe sent when a student registers skips it, and closes it when it
/// succeeds: the student has just shown the endpoint works.</item>
/// <item>At most two attempts, the retry <see cref="ProbeOptions.RetryDelay"/> after the first and only
/// when the first found the endpoint unavailable; a 4xx, a redirect, a malformed or oversized body or a
/// forbidden address are final. Each attempt, body included, has the scenario's timeout (shortened when
/// two attempts would not fit in the probe interval).</item>
/// </list>
/// </summary>
internal sealed partial class ProbeClient : IDisposable
{
    private static readonly ResiliencePropertyKey<TimeSpan> AttemptTimeoutKey = new("ppipe.probe.attempt-timeout");
    private static readonly TimeSpan MinAttemptTimeout = TimeSpan.FromMilliseconds(100);

    private readonly HttpClient _client;
    private readonly ScenarioCatalog _catalog;
    private readonly ProbeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ProbeClient> _logger;
    private readonly SemaphoreSlim _places;
    private readonly ResiliencePipeline<ProbeAttempt> _attempts;
    private readonly EndpointCircuits<ProbeAttempt> _circuits;

    public ProbeClient(OutboundHttp outbound, ScenarioCatalog catalog, IOptions<ProbeOptions> options, TimeProvider time, ILogger<ProbeClient> logger)
    {
        ArgumentNullException.ThrowIfNull(outbound);
        _options = options.Value;
        if (_options.Problems() is { Count: > 0 } problems)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(ProbeOptions), problems);
        }

        _catalog = catalog;
        _time = time;
        _logger = logger;
        _places = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        _client = outbound.CreateClient();
        // Each attempt is bounded by the pipeline's timeout instead.
        _client.Timeout = Timeout.InfiniteTimeSpan;

        _attempts = new ResiliencePipelineBuilder<ProbeAttempt> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<ProbeAttempt>
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result is { Unavailable: true }),
                MaxRetryAttempts = 1,
                BackoffType = DelayBackoffType.Constant,
                Delay = _options.RetryDelay,
                UseJitter = false,
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = static args => ValueTask.FromResult(args.Context.Properties.GetValue(AttemptTimeoutKey, MinAttemptTimeout)),
            })
            .Build();

        // Endpoints idle longer than this have no breaker state worth keeping: their failures left the
        // sampling window and any break has ended.
        var idleAfter = _options.BreakerSamplingDuration > _options.BreakDuration ? _options.BreakerSamplingDuration : _options.BreakDuration;
        _circuits = new EndpointCircuits<ProbeAttempt>(BuildCircuit, _options.MaxTrackedEndpoints, idleAfter, time);
    }

    /// <summary>Probes being sent on this silo now.</summary>
    public int InFlight => _options.MaxConcurrency - _places.CurrentCount;

    /// <summary>Endpoints whose breaker state this silo keeps (at most about <see cref="ProbeOptions.MaxTrackedEndpoints"/>).</summary>
    public int TrackedEndpoints => _circuits.Count;

    /// <summary>
    /// Probes the job's endpoint with the rows of its slot (of <see cref="ProbeJob.ReplayOf"/> for a replay) and returns every attempt, in order. For the
    /// verification slot (<see cref="ProbeResult.VerificationSlot"/>) and the extra probes around a deploy
    /// (<see cref="ProbeResult.RolloutSlot"/>) the rows are those of the probe slot due at or before
    /// <see cref="ProbeJob.ScenarioAt"/> (slot 0 before the first); extra probes pass the breaker like scheduled ones. Throws only for the caller's
    /// cancellation, <see cref="ProbeCapacityException"/>, and jobs that cannot be probed (unknown scenario,
    /// no endpoint requirement, slot out of range, a URL that is not absolute http or https).
    /// </summary>
    public async Task<ImmutableArray<ProbeResult>> ProbeAsync(ProbeJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var scenario = await _catalog.GetAsync(job.ScenarioId, job.Version, cancellationToken);
        return await ProbeAsync(job, scenario, cancellationToken);
    }

    /// <summary><see cref="ProbeAsync(ProbeJob, CancellationToken)"/> with the scenario already at hand.</summary>
    public async Task<ImmutableArray<ProbeResult>> ProbeAsync(ProbeJob job, Scenario scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(scenario);
        var plan = scenario.Endpoint
            ?? throw new InvalidOperationException($"Scenario {job.ScenarioId} v{job.Version} has no endpoint requirement; there is nothing to probe.");
        var url = Uri.TryCreate(job.Url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            ? parsed
            : throw new ArgumentException($"'{job.Url}' is not an absolute http or https URL; endpoints are validated when registered.", nameof(job));
        var verification = job.Slot == ProbeResult.VerificationSlot;
        var call = new ProbeCall(this, job, scenario, RowSlotOf(job, scenario), url, AttemptTimeout(plan), cancellationToken);

        if (!await _places.WaitAsync(_options.QueueTimeout, cancellationToken))
        {
            LogNoPlace(job.Enrollment.ToString(), job.Slot, _options.MaxConcurrency, _options.QueueTimeout.TotalMilliseconds);
            throw new ProbeCapacityException(_options.MaxConcurrency, _options.QueueTimeout);
        }

        try
        {
            var circuit = verification ? _circuits.Find(call.Endpoint) : _circuits.For(call.Endpoint);
            var pipeline = verification ? _attempts : circuit!.Pipeline;
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            Outcome<ProbeAttempt> outcome;
            try
            {
                context.Properties.Set(AttemptTimeoutKey, call.Timeout);
                outcome = await pipeline.ExecuteOutcomeAsync(static (attempt, probe) => probe.Client.AttemptAsync(probe, attempt.CancellationToken), context, call);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            switch (outcome.Exception)
            {
                case BrokenCircuitException broken:
                    call.Add(CircuitOpen(call, broken));
                    break;
                case { } exception:
                    ExceptionDispatchInfo.Throw(exception);
                    break;
                default:
                    if (verification && circuit is not null && outcome.Result!.Result.Ok)
                    {
                        await circuit.Control.CloseAsync(cancellationToken);
                    }

                    break;
            }

            return call.Results();
        }
        finally
        {
            _places.Release();
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _places.Dispose();
    }

    private ResiliencePipeline<ProbeAttempt> BuildCircuit(CircuitBreakerManualControl control) =>
        new ResiliencePipelineBuilder<ProbeAttempt> { TimeProvider = _time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<ProbeAttempt>
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result is { Unavailable: true }),
                FailureRatio = _options.BreakerFailureRatio,
                MinimumThroughput = _options.BreakerMinimumThroughput,
                SamplingDuration = _options.BreakerSamplingDuration,
                BreakDuration = _options.BreakDuration,
                ManualControl = control,
            })
            .AddPipeline(_attempts)
            .Build();

    private long RowSlotOf(ProbeJob job, Scenario scenario)
    {
        var schedule = _catalog.ScheduleOf(scenario);
        if (schedule.ProbeSlotCount == 0)
        {
            throw new InvalidOperationException($"Scenario {job.ScenarioId} v{job.Version} has no probe slot before it ends.");
        }

        if (job.Slot == ProbeResult.VerificationSlot || job.Slot <= ProbeResult.FirstRolloutSlot)
        {
            return schedule.ProbeSlotAt(job.ScenarioAt) ?? 0;
        }

        // Checked here rather than by the generator, so that a bad job never reaches an endpoint's breaker.
        var slot = job.ReplayOf ?? job.Slot;
        return slot >= 0 && slot < schedule.ProbeSlotCount
            ? slot
            : throw new ArgumentOutOfRangeException(nameof(job), slot, $"Scenario {job.ScenarioId} v{job.Version} has probe slots 0 to {schedule.ProbeSlotCount - 1}.");
    }

    /// <summary>
    /// The scenario's timeout, shortened when needed so that both attempts and the wait between them fit in
    /// one probe interval (scenario time: at speed 1 the next slot's probe never overlaps this one). Specs
    /// allow a timeout longer than the interval; the wall-clock interval at the cohort's speed is not known here.
    /// </summary>
    private TimeSpan AttemptTimeout(EndpointPlan plan)
    {
        var fits = (plan.ProbeInterval - _options.RetryDelay) / 2;
        var timeout = plan.Timeout <= fits ? plan.Timeout : fits;
        return timeout < MinAttemptTimeout ? MinAttemptTimeout : timeout;
    }

    private async ValueTask<Outcome<ProbeAttempt>> AttemptAsync(ProbeCall call, CancellationToken attemptToken)
    {
        var number = call.Attempts + 1;
        var body = call.Body();
        var at = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        int? status = null;
        OutboundFailure failure;
        bool unavailable;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, call.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptToken);
            status = (int)response.StatusCode;
            if (status != 200)
            {
                failure = status is >= 300 and < 400
                    ? new OutboundFailure(OutboundFailureKind.HttpStatus, $"HTTP {status} (redirects are not followed: register the URL that answers)")
                    : OutboundFailure.Status(status.Value);
                unavailable = status >= 500;
            }
            else
            {
                var answer = await ResponseBody.ReadAsync(response, _options.MaxResponseBytes, attemptToken);
                var latency = _time.GetElapsedTime(started);
                var predictions = new double[call.Rows];
                if (ProbeAnswer.TryRead(answer, call.Scenario.Target, call.Scenario.Metric, predictions, out var model, out var note) is { } malformed)
                {
                    failure = malformed;
                    unavailable = false;
                }
                else
                {
                    var quality = ProbeScoring.Quality(call.Scenario.Metric, call.Truths, predictions);
                    var ok = new ProbeResult(call.Job.Slot, number, at, call.ScenarioAt, true, status, latency.TotalMilliseconds, null, null, call.Rows, quality, model, note,
                        predictions.Length <= ProbeResult.PredictionSample ? predictions : predictions[..ProbeResult.PredictionSample]);
                    call.Add(ok);
                    LogAnswered(call.Job.Enrollment.ToString(), call.Job.Slot, number, call.Endpoint, ok.LatencyMs);
                    return Outcome.FromResult(new ProbeAttempt(ok, Unavailable: false));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException
            && attemptToken.IsCancellationRequested && !call.CallerToken.IsCancellationRequested)
        {
            // The attempt's time ran out; reading a body can surface that as an I/O error rather than a cancellation.
            failure = status is null
                ? OutboundFailure.TimedOut(call.Timeout)
                : new OutboundFailure(OutboundFailureKind.Timeout, $"HTTP {status}, but the body did not finish within {call.Timeout.TotalMilliseconds:0} ms");
            unavailable = true;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or ResponseTooLargeException)
        {
            failure = OutboundFailure.From(e);
            unavailable = failure.Kind is OutboundFailureKind.Connect or OutboundFailureKind.Protocol or OutboundFailureKind.Timeout;
        }

        var failed = new ProbeResult(
            call.Job.Slot, number, at, call.ScenarioAt, false, status, _time.GetElapsedTime(started).TotalMilliseconds, failure.Kind, failure.Detail, call.Rows, null);
        call.Add(failed);
        LogFailed(call.Job.Enrollment.ToString(), call.Job.Slot, number, call.Endpoint, failure.Detail, failed.LatencyMs, unavailable && number == 1);
        return Outcome.FromResult(new ProbeAttempt(failed, unavailable));
    }

    private ProbeResult CircuitOpen(ProbeCall call, BrokenCircuitException broken)
    {
        var resumeIn = broken.RetryAfter is { } after && after > TimeSpan.Zero ? after : TimeSpan.Zero;
        var detail = $"not called: {call.Endpoint} failed repeatedly, so probes to it are paused; the next one goes out in {Math.Ceiling(resumeIn.TotalSeconds):0} s at the earliest";
        LogCircuitOpen(call.Job.Enrollment.ToString(), call.Job.Slot, call.Endpoint, resumeIn.TotalSeconds);
        return new ProbeResult(call.Job.Slot, call.Attempts + 1, _time.GetUtcNow(), call.ScenarioAt, false, null, 0, OutboundFailureKind.CircuitOpen, detail, 0, null);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Probe of {Enrollment} slot {Slot} attempt {Attempt} to {Endpoint}: answered in {LatencyMs:0} ms")]
    private partial void LogAnswered(string enrollment, long slot, int attempt, string endpoint, double latencyMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Probe of {Enrollment} slot {Slot} attempt {Attempt} to {Endpoint} failed: {Reason} after {LatencyMs:0} ms; retrying: {Retrying}")]
    private partial void LogFailed(string enrollment, long slot, int attempt, string endpoint, string reason, double latencyMs, bool retrying);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Probe of {Enrollment} slot {Slot} not sent: the breaker of {Endpoint} is open for {ResumeInSeconds:0} s more")]
    private partial void LogCircuitOpen(string enrollment, long slot, string endpoint, double resumeInSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probe of {Enrollment} slot {Slot} dropped: all {MaxConcurrency} probe places stayed busy for {WaitedMs:0} ms")]
    private partial void LogNoPlace(string enrollment, long slot, int maxConcurrency, double waitedMs);

    /// <summary>One probe in progress: its job, its rows (generated on the first attempt) and the attempts so far.</summary>
    private sealed class ProbeCall(ProbeClient client, ProbeJob job, Scenario scenario, long rowSlot, Uri url, TimeSpan timeout, CancellationToken callerToken)
    {
        private readonly ImmutableArray<ProbeResult>.Builder _results = ImmutableArray.CreateBuilder<ProbeResult>(2);
        private byte[]? _body;
        private List<RowTruth>? _truths;

        public ProbeClient Client => client;

        public ProbeJob Job => job;

        public Scenario Scenario => scenario;

        public Uri Url => url;

        /// <summary>What the breaker is keyed by: scheme, host and port, never the path or query (which may hold secrets).</summary>
        public string Endpoint { get; } = $"{url.Scheme}://{url.IdnHost}:{url.Port}";

        public TimeSpan Timeout => timeout;

        public CancellationToken CallerToken => callerToken;

        /// <summary>The scenario time the rows were drawn at.</summary>
        public TimeSpan ScenarioAt => scenario.Endpoint!.SlotTime(rowSlot);

        public int Attempts => _results.Count;

        public int Rows => _truths?.Count ?? 0;

        public IReadOnlyList<RowTruth> Truths => _truths ?? throw new InvalidOperationException("The rows are generated by the first attempt.");

        /// <summary>The request body; the rows and their truth are generated in one pass, on first use.</summary>
        public byte[] Body()
        {
            if (_body is null)
            {
                var rows = new ScenarioGenerator(scenario, job.Seed, job.CohortStart).OpenProbe(rowSlot);
                _truths = new List<RowTruth>(scenario.Endpoint!.RowsPerProbe);
                _body = ProbeRequest.ToBytes(new TruthRecordingReader(rows, _truths));
            }

            return _body;
        }

        public void Add(ProbeResult result) => _results.Add(result);

        public ImmutableArray<ProbeResult> Results() => _results.DrainToImmutable();
    }

    /// <summary>Passes generated rows through to the request writer and keeps each row's truth as it goes by.</summary>
    private sealed class TruthRecordingReader(GeneratedRowReader rows, List<RowTruth> truths) : RowReader
    {
        public override IReadOnlyList<Column> Columns => rows.Columns;

        public override RowId Id => rows.Id;

        public override DateTimeOffset Timestamp => rows.Timestamp;

        public override double GetValue(int column) => rows.GetValue(column);

        public override ProbeHistory? History => rows.History;

        public override bool Read()
        {
            if (!rows.Read())
            {
                return false;
            }

            truths.Add(rows.Truth);
            return true;
        }
    }
}
