using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Enrollments;

/// <summary>
/// The student's webhook: its registration, which notifications a tick owes it (<see cref="WebhookSchedule"/>) and the
/// delivery workers' reports. The notifications themselves are handed out by the tick in <c>EnrollmentGrain.Tick.cs</c>.
/// </summary>
internal sealed partial class EnrollmentGrain
{
    public async Task<string> SetWebhookAsync(string url)
    {
        var secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        Record.RegisterWebhook(url, secret, time.GetUtcNow());
        _handedOut.Clear();
        await SaveAsync();
        // Releases wake only enrollments with a webhook to notify.
        if (Record.Cohort is { } cohort)
        {
            await ScheduleWakeAsync(await MomentAsync(cohort));
        }

        return secret;
    }

    public async Task RecordWebhookDeliveryAsync(int seq, ImmutableArray<WebhookAttemptRecord> attempts, bool delivered)
    {
        _handedOut.Remove(seq);
        if (Record.FinishWebhook(seq, attempts))
        {
            await SaveAsync();
            LogWebhookDelivered(logger, _key.ToString(), seq, attempts.Length, delivered);
        }
    }

    /// <summary>The webhook notifications due now, if a webhook is registered.</summary>
    private WebhookDue DueWebhooks(Moment at) => Record is { WebhookUrl: { } url, WebhookSecret: { } secret, WebhookRegisteredAt: { } since }
        ? new WebhookSchedule(_key, url, secret, since, options.Value.WebhookRedeliverAfter)
            .Due(at.Schedule.Releases, at.Cohort.Clock, at.Elapsed, at.Now, Record.WebhookDone, Record.WebhookPending, _handedOut)
        : WebhookDue.None;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Enrollment {Enrollment}: webhook for release {Seq} finished after {Attempts} attempt(s), delivered: {Delivered}")]
    private static partial void LogWebhookDelivered(ILogger logger, string enrollment, int seq, int attempts, bool delivered);
}
