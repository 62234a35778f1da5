using Orleans.Runtime.Messaging;

namespace PPipe.Frontend.Components.Shared;

/// <summary>
/// Tells a page which failed grain calls mean "the cluster did not answer for now" (a silo failing over, a call timing out,
/// a client without a gateway), so the page can say so and stay usable instead of losing the circuit, and whether a write
/// that failed so can be said not to have happened.
/// </summary>
public static class ClusterFailure
{
    /// <summary>True for the failures a page shows as "the platform did not answer"; any other exception is a fault and escapes.</summary>
    public static bool IsUnanswered(Exception exception) =>
        exception is OrleansException or TimeoutException or InvalidOperationException;

    /// <summary>
    /// True only when the call surely never reached a grain (refused or never sent), so a write did not happen. A timeout or a
    /// silo that died under the call may have come after the grain had done it: the outcome is unknown then.
    /// </summary>
    public static bool NeverArrived(Exception exception) => exception is OrleansMessageRejectionException or ConnectionFailedException;

    /// <summary>"The join link could not be read: the platform did not answer. Nothing was changed; read it again in a few seconds.".</summary>
    public static string Unread(string what, string retry) =>
        $"{what} could not be read: the platform did not answer. Nothing was changed; {retry}.";

    /// <summary>
    /// What a page says after a write failed unanswered: that it was not done and <paramref name="nothing"/> when the call never
    /// arrived; otherwise, never claiming it did not happen, that it <paramref name="maybe"/> and how to <paramref name="check"/>.
    /// </summary>
    public static string Unsaved(Exception exception, string notDone, string nothing, string maybe, string check) => NeverArrived(exception)
        ? $"{notDone}: the platform did not answer. {nothing}; try again in a few seconds."
        : $"The platform did not answer in time, so {maybe}. {check}";
}
