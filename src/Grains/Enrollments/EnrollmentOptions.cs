namespace PPipe.Grains.Enrollments;

/// <summary>How enrollments are driven. Bound from the <c>Enrollments</c> section.</summary>
public sealed class EnrollmentOptions
{
    public const string Section = "Enrollments";

    /// <summary>
    /// Period of each enrollment's reminder: the durable safety net that catches up after failures.
    /// While active, an enrollment also wakes itself exactly when its next event is due. Must not be
    /// below the cluster's minimum reminder period.
    /// </summary>
    public TimeSpan TickPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A webhook delivery with no reported outcome after this long is sent again. One handed out before the
    /// enrollment was activated again (its silo died) is sent again at the enrollment's next tick.
    /// </summary>
    public TimeSpan WebhookRedeliverAfter { get; set; } = TimeSpan.FromMinutes(5);
}
