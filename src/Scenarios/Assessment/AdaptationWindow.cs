using PPipe.Scenarios.Events;

namespace PPipe.Scenarios.Assessment;

/// <summary>
/// Where adaptation to one change that calls for retraining (<see cref="DriftEvent.CallsForRetraining"/>: a concept drift
/// or a sensor recalibration) is judged. Nobody can adapt before a release with labelled rows from after the change can
/// have arrived (the release lag and one cadence) and been fetched and trained on (a quarter cadence): that is when the
/// recovery window <see cref="Opens"/>. Until then, from the
/// change (or the end of a gradual one: <see cref="Settled"/>), is the exposure. The window lasts two of the longest
/// cadence of evidence, and no longer than the scenario or the change itself: a change that no longer holds when its
/// window opens (a twelve-hour event over in a day, the off half of a recurring one) has nothing left to adapt to and is
/// not judged, since what a model made of the world after it would say nothing about the change.
/// </summary>
/// <param name="Change">The change judged.</param>
/// <param name="Settled">Where the exposure starts: the change, or the end of a gradual one when that comes before the window.</param>
/// <param name="Opens">The first moment anyone could have retrained on data from after the change.</param>
/// <param name="Closes">The end of the window: two longest cadences after it opens, cut at the scenario's end and where the change stops holding.</param>
public readonly record struct AdaptationWindow(DriftEvent Change, TimeSpan Settled, TimeSpan Opens, TimeSpan Closes)
{
    /// <summary>
    /// The windows of the scenario's changes that still hold when their window opens, within the scenario, in the order the
    /// scenario lists them. <paramref name="longestCadence"/> is the longest cadence of the evidence judged (releases,
    /// batches, probe buckets).
    /// </summary>
    public static IEnumerable<AdaptationWindow> Of(Scenario scenario, TimeSpan longestCadence)
    {
        var releases = scenario.Releases;
        var grace = releases.Lag + releases.Cadence + releases.Cadence / 4;
        foreach (var change in scenario.Drift.Where(d => d.CallsForRetraining))
        {
            var opens = change.At + grace;
            var holdsUntil = change is ConceptDrift drift ? drift.HoldsUntil(opens) : TimeSpan.MaxValue;
            if (opens >= scenario.Duration || holdsUntil is not { } end)
            {
                continue;
            }

            var closes = opens + 2 * longestCadence;
            closes = closes < scenario.Duration ? closes : scenario.Duration;
            closes = closes < end ? closes : end;
            var settled = change is ConceptDrift { BusyUntil: var busy } && busy < opens ? busy : change.At;
            yield return new AdaptationWindow(change, settled, opens, closes);
        }
    }
}
