namespace PPipe.Scenarios.Timeline;

/// <summary>Kinds of scheduled events, as flags so a caller can ask for the ones it acts on.</summary>
[Flags]
public enum TimelineEventKinds
{
    None = 0,

    /// <summary>A release becomes available (after any outage of its channel).</summary>
    Release = 1,
    BatchOpens = 2,
    BatchDue = 4,
    BatchLabels = 8,

    /// <summary>Late submissions to a batch stop being taken (penalty or accept policy): at its cutoff, or when its labels
    /// are revealed if that is earlier or there is no cutoff.</summary>
    LateCutoff = 16,

    /// <summary>A probe slot of the endpoint requirement.</summary>
    Probe = 32,
    OutageStarts = 64,
    OutageEnds = 128,

    /// <summary>A drift event starts (concept drift, covariate shift, recalibration).</summary>
    Drift = 256,

    /// <summary>A quirk starts.</summary>
    Quirk = 512,

    /// <summary>The scenario ends.</summary>
    End = 1024,

    Batch = BatchOpens | BatchDue | BatchLabels | LateCutoff,
    All = Release | Batch | Probe | OutageStarts | OutageEnds | Drift | Quirk | End,
    AllButProbes = All & ~Probe,
}
