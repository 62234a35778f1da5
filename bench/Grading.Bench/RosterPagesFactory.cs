using System.Reflection;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grading.Bench;

/// <summary>
/// An <see cref="IGrainFactory"/> whose only grains are one cohort's 64 roster pages, called in this process: what
/// <c>CohortSummaries</c> does with the pages' answers is measured without the 64 grain calls around it (the same
/// number, with answers of the same size, whatever the rubric).
/// </summary>
internal class RosterPagesFactory : DispatchProxy
{
    private IReadOnlyDictionary<string, IRosterPageGrain> _pages = new Dictionary<string, IRosterPageGrain>();

    public static IGrainFactory Of(IReadOnlyDictionary<string, IRosterPageGrain> pages)
    {
        var factory = Create<IGrainFactory, RosterPagesFactory>();
        ((RosterPagesFactory)(object)factory)._pages = pages;
        return factory;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod is { Name: nameof(IGrainFactory.GetGrain) } && args is [string key, ..] && _pages.TryGetValue(key, out var page)
            ? page
            : throw new NotSupportedException($"Only the roster pages' GetGrain(key) is served here, not {targetMethod?.Name}.");
}
