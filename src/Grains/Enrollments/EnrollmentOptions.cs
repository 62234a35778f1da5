namespace PPipe.Grains.Enrollments;

/// <summary>How enrollments are driven. Bound from the <c>Enrollments</c> section.</summary>
public sealed class EnrollmentOptions
{
    public const string Section = "Enrollments";

    /// <summary>
    /// Period of each enrollment's reminder: the durable safety net that brings back an enrollment that nothing else
    /// calls after its silo was lost. Events themselves come on time from the silo's wakes; any call to an enrollment
    /// catches it up at once. A reminder costs memory only while it is due within the cluster's reminder loading
    /// window, so a period well above that window keeps most enrollments' reminders out of memory. Must not be below
    /// the cluster's minimum reminder period.
    /// </summary>
    public TimeSpan TickPeriod { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// A webhook delivery with no reported outcome after this long is sent again. One handed out before the
    /// enrollment was activated again (its silo died) is sent again at the enrollment's next tick.
    /// </summary>
    public TimeSpan WebhookRedeliverAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often an enrollment of a paused cohort looks again whether the cohort has resumed: nobody knows when the
    /// next event comes while the clock stands still, so the first events after a resume can be this late.
    /// </summary>
    public TimeSpan PausedRecheck { get; set; } = TimeSpan.FromMinutes(1);
}
