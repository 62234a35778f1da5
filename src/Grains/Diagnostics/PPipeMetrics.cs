using System.Diagnostics.Metrics;

namespace PPipe.Grains.Diagnostics;

/// <summary>
/// P-PIPE's own instruments (meter <see cref="PPipeTelemetry.MeterName"/>), one set per process, exported with ASP.NET
/// Core's and Orleans' at <c>/metrics</c> and over OTLP. Every figure is also added to <see cref="Window"/>, which the
/// silo's operator report reads and resets every few seconds, so the operator page needs no metrics backend.
/// </summary>
public sealed class PPipeMetrics
{
    /// <summary>Upper bounds of the wake-lateness histogram's buckets, in seconds.</summary>
    public static readonly IReadOnlyList<double> LatenessBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter<long> _wakes;
    private readonly Histogram<double> _wakeLateness;
    private readonly UpDownCounter<long> _activeEnrollments;
    private readonly Counter<long> _fetches;
    private readonly Counter<long> _submissions;
    private readonly Counter<long> _probes;
    private readonly Counter<long> _webhookDeliveries;
    private readonly Counter<long> _storageFailures;
    private readonly Counter<long> _notifications;
    private long _active;

    public PPipeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(PPipeTelemetry.MeterName);
        _wakes = meter.CreateCounter<long>("ppipe.enrollment.wakes", "{wake}",
            "Enrollment wakes (ticks asked for by the wake scheduler) by outcome: ok or failed.");
        _wakeLateness = meter.CreateHistogram<double>("ppipe.enrollment.wake.lateness", "s",
            "How long after its due time an enrollment's wake started.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatenessBuckets });
        _activeEnrollments = meter.CreateUpDownCounter<long>("ppipe.enrollments.active", "{enrollment}",
            "Enrollment grains active in this silo.");
        _fetches = meter.CreateCounter<long>("ppipe.fetches", "{fetch}", "Release fetches recorded, by channel.");
        _submissions = meter.CreateCounter<long>("ppipe.submissions", "{submission}",
            "Batch prediction submissions by outcome: accepted (on time or late) or refused.");
        _probes = meter.CreateCounter<long>("ppipe.probes", "{probe}", "Endpoint probe attempts by outcome: ok or failed.");
        _webhookDeliveries = meter.CreateCounter<long>("ppipe.webhook.deliveries", "{delivery}",
            "Webhook release notifications by outcome: delivered or failed (after every attempt).");
        _storageFailures = meter.CreateCounter<long>("ppipe.storage.failures", "{failure}",
            "Grain-storage operations that failed, by result: retried (a later attempt may succeed) or gave_up.");
        _notifications = meter.CreateCounter<long>("ppipe.notifications", "{notification}",
            "Notification deliveries by channel (email or chat) and outcome: delivered, failed (tried again later) or refused (for good).");
    }

    /// <summary>The figures since the silo's operator report last read them.</summary>
    public ActivityWindow Window { get; } = new();

    public void WakeRan(TimeSpan lateness)
    {
        var seconds = Math.Max(0, lateness.TotalSeconds);
        _wakes.Add(1, new KeyValuePair<string, object?>("outcome", "ok"));
        _wakeLateness.Record(seconds);
        Window.AddWake(seconds, failed: false);
    }

    public void WakeFailed(TimeSpan lateness)
    {
        var seconds = Math.Max(0, lateness.TotalSeconds);
        _wakes.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
        _wakeLateness.Record(seconds);
        Window.AddWake(seconds, failed: true);
    }

    /// <summary>Enrollment grains active in this process now.</summary>
    public long ActiveEnrollments => Interlocked.Read(ref _active);

    public void EnrollmentActivated()
    {
        Interlocked.Increment(ref _active);
        _activeEnrollments.Add(1);
    }

    public void EnrollmentDeactivated()
    {
        Interlocked.Decrement(ref _active);
        _activeEnrollments.Add(-1);
    }

    public void Fetched(string channel)
    {
        _fetches.Add(1, new KeyValuePair<string, object?>("channel", channel));
        Window.Add(ref Window.Fetches);
    }

    public void Submitted(bool accepted)
    {
        _submissions.Add(1, new KeyValuePair<string, object?>("outcome", accepted ? "accepted" : "refused"));
        Window.Add(ref accepted ? ref Window.SubmissionsAccepted : ref Window.SubmissionsRefused);
    }

    public void Probed(bool ok)
    {
        _probes.Add(1, new KeyValuePair<string, object?>("outcome", ok ? "ok" : "failed"));
        Window.Add(ref ok ? ref Window.ProbesOk : ref Window.ProbesFailed);
    }

    public void WebhookDelivered(bool delivered)
    {
        _webhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", delivered ? "delivered" : "failed"));
        Window.Add(ref delivered ? ref Window.WebhooksDelivered : ref Window.WebhooksFailed);
    }

    public void StorageFailed(string operation, bool givenUp)
    {
        _storageFailures.Add(1, new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("result", givenUp ? "gave_up" : "retried"));
        Window.Add(ref givenUp ? ref Window.StorageGaveUp : ref Window.StorageRetried);
    }

    public void NotificationSent(string channel, string outcome) =>
        _notifications.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", outcome));
}
