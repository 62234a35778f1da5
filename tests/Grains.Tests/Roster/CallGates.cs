using PPipe.Grains.Interfaces.Cohorts;

namespace PPipe.Grains.Tests.Roster;

/// <summary>
/// Holds or watches chosen grain calls in a test cluster, so a test can build an interleaving of calls the same way
/// every time: calls of one method to grains whose keys start alike are held (inside the grain's turn) until released,
/// and a cohort read sent from any grain is seen.
/// </summary>
public sealed class CallGates : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    private volatile CallGate? _held;
    private volatile CohortReadWatch? _cohortReads;
    private volatile CallCount? _counted;

    /// <summary>Holds every call of <typeparamref name="TGrain"/>'s <paramref name="method"/> to a grain whose key starts with <paramref name="keyPrefix"/>.</summary>
    public CallGate Hold<TGrain>(string method, string keyPrefix) => _held = new CallGate(typeof(TGrain), method, keyPrefix);

    /// <summary>Counts the calls of <typeparamref name="TGrain"/>'s <paramref name="method"/> under way at once, from now on.</summary>
    public CallCount Count<TGrain>(string method) => _counted = new CallCount(typeof(TGrain), method);

    /// <summary>Completes when a grain sends a read of <paramref name="cohortId"/> to the cohort grain.</summary>
    public Task CohortReadSentAsync(string cohortId) => (_cohortReads = new CohortReadWatch(cohortId)).Sent.Task;

    async Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context)
    {
        if (_held is { } gate && context.InterfaceMethod?.DeclaringType == gate.Grain && context.MethodName == gate.Method
            && context.TargetId.Key.ToString()!.StartsWith(gate.KeyPrefix, StringComparison.Ordinal))
        {
            gate.Entered.TrySetResult();
            await gate.Released.Task;
        }

        if (_counted is { } count && context.InterfaceMethod?.DeclaringType == count.Grain && context.MethodName == count.Method)
        {
            count.Enter();
            try
            {
                await context.Invoke();
            }
            finally
            {
                count.Leave();
            }

            return;
        }

        await context.Invoke();
    }

    Task IOutgoingGrainCallFilter.Invoke(IOutgoingGrainCallContext context)
    {
        if (_cohortReads is { } watch && context.InterfaceMethod?.DeclaringType == typeof(ICohortGrain) && context.MethodName == nameof(ICohortGrain.GetAsync)
            && context.TargetId.Key.ToString() == watch.CohortId)
        {
            watch.Sent.TrySetResult();
        }

        return context.Invoke();
    }

    /// <summary>Calls held at their start: <see cref="Entered"/> once one is, all let through by <see cref="Release"/>.</summary>
    public sealed class CallGate(Type grain, string method, string keyPrefix)
    {
        public Type Grain { get; } = grain;

        public string Method { get; } = method;

        public string KeyPrefix { get; } = keyPrefix;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Released.TrySetResult();
    }

    /// <summary>How many calls of one method were under way at once, at most.</summary>
    public sealed class CallCount(Type grain, string method)
    {
        private int _now;
        private int _most;

        public Type Grain { get; } = grain;

        public string Method { get; } = method;

        public int Most => Volatile.Read(ref _most);

        internal void Enter()
        {
            var now = Interlocked.Increment(ref _now);
            for (var most = Most; now > most && Interlocked.CompareExchange(ref _most, now, most) != most; most = Most)
            {
            }
        }

        internal void Leave() => Interlocked.Decrement(ref _now);
    }

    private sealed class CohortReadWatch(string cohortId)
    {
        public string CohortId { get; } = cohortId;

        public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
