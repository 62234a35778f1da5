using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Polly;
using Polly.Retry;
using PPipe.Grains.Diagnostics;
using PPipe.Grains.Interfaces.Storage;

namespace PPipe.Hosting.Storage;

/// <summary>
/// Grain storage in PostgreSQL as every grain sees it: at most a bounded number of operations at once (so a burst,
/// such as enrolling a 10,000-student roster, queues here instead of exhausting the connection pool), a failure a
/// retry may cure tried again a few times within about two seconds (logged as a warning, since nothing was lost), and
/// a failure that remains reported as <see cref="StorageUnavailableException"/>, which can cross a grain call and
/// says what failed. Conflicts (another activation wrote first) pass through untouched: retrying cannot cure them. The
/// first success after such a failure is announced (<c>onRecovered</c>), so what the outage interrupted can be resumed.
/// </summary>
public sealed partial class ResilientGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly IGrainStorage _inner;
    private readonly SemaphoreSlim _slots;
    private readonly ResiliencePipeline _retry;
    private readonly ILogger<ResilientGrainStorage> _logger;
    private readonly Action? _onRecovered;
    private readonly PPipeMetrics? _metrics;
    private int _failing;

    /// <summary>The wait before the first retry; each further one waits about twice as long.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);

    public ResilientGrainStorage(IGrainStorage inner, int maxConcurrency, int attempts, TimeProvider time, ILogger<ResilientGrainStorage> logger,
        Action? onRecovered = null, PPipeMetrics? metrics = null)
        : this(inner, maxConcurrency, attempts, FirstRetryDelay, time, logger, onRecovered, metrics)
    {
    }

    internal ResilientGrainStorage(IGrainStorage inner, int maxConcurrency, int attempts, TimeSpan firstRetryDelay, TimeProvider time,
        ILogger<ResilientGrainStorage> logger, Action? onRecovered = null, PPipeMetrics? metrics = null)
    {
        _onRecovered = onRecovered;
        _metrics = metrics;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        _inner = inner;
        _slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        _logger = logger;
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (attempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = attempts - 1,
                Delay = firstRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && StorageFailures.IsTransient(e)),
                OnRetry = args =>
                {
                    _metrics?.StorageFailed(OperationOf(args.Context.OperationKey), givenUp: false);
                    LogRetrying(args.Context.OperationKey ?? "storage", args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds,
                        StorageFailures.Describe(args.Outcome.Exception!));
                    return ValueTask.CompletedTask;
                },
            });
        }

        _retry = builder.Build();
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
        if (_inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(lifecycle);
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        RunAsync("read", stateName, grainId, () => _inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        RunAsync("write", stateName, grainId, () => _inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        RunAsync("clear", stateName, grainId, () => _inner.ClearStateAsync(stateName, grainId, grainState));

    /// <summary>The operation (read, write, clear) an operation key starts with.</summary>
    private static string OperationOf(string? operationKey) =>
        operationKey is null ? "storage" : operationKey[..(operationKey.IndexOf(' ') is var space and > 0 ? space : operationKey.Length)];

    private async Task RunAsync(string operation, string stateName, GrainId grainId, Func<Task> action)
    {
        await _slots.WaitAsync();
        try
        {
            var context = ResilienceContextPool.Shared.Get($"{operation} {stateName} of {grainId}");
            try
            {
                // While storage is known to be failing, one attempt: callers get their 503 at once instead of queueing
                // behind everyone's retries, and the first attempt that succeeds ends the outage for all.
                var pipeline = Volatile.Read(ref _failing) == 1 ? ResiliencePipeline.Empty : _retry;
                await pipeline.ExecuteAsync(static async (_, run) => await run(), context, action);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            if (Volatile.Read(ref _failing) == 1 && Interlocked.Exchange(ref _failing, 0) == 1)
            {
                LogRecovered();
                _onRecovered?.Invoke();
            }
        }
        catch (Exception e) when (StorageFailures.IsDatabase(e))
        {
            Volatile.Write(ref _failing, 1);
            _metrics?.StorageFailed(operation, givenUp: true);
            var detail = StorageFailures.Describe(e);
            LogFailed(e, operation, stateName, grainId.ToString(), detail);
            throw new StorageUnavailableException($"Storage is unavailable: the {operation} of {stateName} state for {grainId} failed ({detail}).");
        }
        finally
        {
            _slots.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage {Operation} failed and is tried again (attempt {Attempt}, in {DelayMs:F0} ms): {Reason}")]
    private partial void LogRetrying(string operation, int attempt, double delayMs, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage answers again after failing")]
    private partial void LogRecovered();

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage {Operation} of {StateName} state for {Grain} failed after every attempt: {Reason}")]
    private partial void LogFailed(Exception exception, string operation, string stateName, string grain, string reason);
}
