using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Assessment;

/// <summary>The copy flags of a cohort, keyed by the cohort id; capped so a cohort of copiers cannot grow it without bound.</summary>
[Alias("ppipe.ICohortFlagsGrain")]
public interface ICohortFlagsGrain : IGrainWithStringKey
{
    /// <summary>Records a flagged pair (once per pair and batch).</summary>
    [Alias("Flag")]
    Task FlagAsync(CopyFlag flag);

    /// <summary>The flags, newest first.</summary>
    [Alias("List")]
    Task<ImmutableArray<CopyFlag>> ListAsync();
}
