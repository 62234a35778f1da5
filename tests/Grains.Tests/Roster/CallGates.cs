using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Tests.Roster;

/// <summary>
/// Holds or watches chosen grain calls in a test cluster, so a test can build an interleaving of calls the same way
/// every time: a roster page's summary is held until released, and a cohort read sent from any grain is seen.
/// </summary>
public sealed class CallGates : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    private volatile PageSummaryGate? _pageSummaries;
    private volatile CohortReadWatch? _cohortReads;

    /// <summary>Holds every roster page summary of <paramref name="cohortId"/> (inside the page's turn) until the gate is released.</summary>
    public PageSummaryGate HoldPageSummaries(string cohortId) => _pageSummaries = new PageSummaryGate(cohortId + "/");

    /// <summary>Completes when a grain sends a read of <paramref name="cohortId"/> to the cohort grain.</summary>
    public Task CohortReadSentAsync(string cohortId) => (_cohortReads = new CohortReadWatch(cohortId)).Sent.Task;

    async Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context)
    {
        if (_pageSummaries is { } gate && context.InterfaceMethod?.DeclaringType == typeof(IRosterPageGrain)
            && context.MethodName == nameof(IRosterPageGrain.SummarizeAsync)
            && context.TargetId.Key.ToString()!.StartsWith(gate.KeyPrefix, StringComparison.Ordinal))
        {
            gate.Entered.TrySetResult();
            await gate.Released.Task;
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

    /// <summary>Roster page summaries held at their start: <see cref="Entered"/> once one is, released with <see cref="Release"/>.</summary>
    public sealed class PageSummaryGate(string keyPrefix)
    {
        public string KeyPrefix { get; } = keyPrefix;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Released.TrySetResult();
    }

    private sealed class CohortReadWatch(string cohortId)
    {
        public string CohortId { get; } = cohortId;

        public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
