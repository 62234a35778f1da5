using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Enrollments.Policies;

/// <summary>
/// Which probe slot of a registered endpoint is due. Slots are coalesced: a tick that finds several slots due since the
/// last one probed sends one probe for the latest, and it stands for all of them (grades weigh the probes actually
/// made), so a late or missed tick never replays a backlog of probes.
/// </summary>
internal static class ProbeSchedule
{
    /// <summary>
    /// The slot to probe at <paramref name="elapsed"/>: the latest one due, when it is at least
    /// <paramref name="nextSlot"/> (the first not probed yet); null without an endpoint or with nothing due. After
    /// probing it, the next slot not probed is the one after it.
    /// </summary>
    public static long? Due(ScenarioSchedule schedule, bool hasEndpoint, long nextSlot, TimeSpan elapsed) =>
        hasEndpoint && schedule.ProbeSlotAt(elapsed) is { } slot && slot >= nextSlot ? slot : null;

    /// <summary>
    /// The first slot not probed yet once an endpoint is registered at <paramref name="elapsed"/>: the verification
    /// probe made at registration stands for the current slot, so scheduled probes start with the next one.
    /// </summary>
    public static long NextAfterRegistration(ScenarioSchedule schedule, long nextSlot, TimeSpan elapsed) =>
        schedule.ProbeSlotAt(elapsed) is { } current ? Math.Max(nextSlot, current + 1) : nextSlot;

    /// <summary>
    /// The first slot to probe after the student's progress was reset at <paramref name="elapsed"/>: the current one, so
    /// the fresh start is probed at once (with an endpoint), and nothing before it.
    /// </summary>
    public static long FirstAfterReset(ScenarioSchedule schedule, TimeSpan elapsed) => schedule.ProbeSlotAt(elapsed) ?? 0;
}
