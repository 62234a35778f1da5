using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PPipe.Grains.Channels.Webhooks;
using PPipe.Grains.Client.Site;
using PPipe.Grains.Diagnostics;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Notifications;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Notifications;

/// <summary>
/// A silo's senders when the platform's public address is not known (a cluster host without <c>Site:PublicUrl</c>): no
/// link can be built, so nothing is sent and nothing reported, and the owner keeps the message for later. A dispatcher of
/// the test's own, with the cluster for the owners' grains.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class NotificationDispatcherTests(ClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Offer_PublicAddressUnknown_NothingSentAndOneWarningForAllUntilTheAddressIsKnown()
    {
        var site = new PublicSite(Options.Create(new SiteOptions()));
        var mail = new RecordingMailTransport();
        var logs = new CapturedLogs();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        var dispatcher = Dispatcher(site, mail, loggers);
        await dispatcher.StartAsync(Ct);
        var owner = fixture.Client.GetGrain<IEnrollmentGrain>($"{TestCohorts.NewId("c-")}/ghost").GetGrainId();

        var offered = Enumerable.Range(1, 3).Select(n => dispatcher.Offer(owner, Message($"held/n{n}", "held@example.org"))).ToList();
        await Eventually.HoldsAsync(() => dispatcher.Queued == 0 && logs.ToString().Contains("held", StringComparison.Ordinal),
            "the three offers taken and the warning written", cancellationToken: Ct);
        await Task.Delay(TimeSpan.FromMilliseconds(200), Ct);
        var sentWhileUnknown = mail.Sent.Count;
        var warnings = logs.ToString().Split('\n').Count(l => l.Contains("public address is not known", StringComparison.Ordinal));
        site.UseListeningAddress(new Uri("https://ppipe.test/"));
        dispatcher.Offer(owner, Message("held/n1", "held@example.org"));
        var sent = await mail.WaitForAsync("held@example.org", cancellationToken: Ct);
        await dispatcher.StopAsync(CancellationToken.None);

        Assert.All(offered, Assert.True);
        Assert.Equal(0, sentWhileUnknown);
        Assert.Equal(1, warnings);
        Assert.Contains("Site:PublicUrl", logs.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("https://ppipe.test/", sent[0].UnsubscribeUrl?.ToString(), StringComparison.Ordinal);
    }

    private NotificationDispatcher Dispatcher(PublicSite site, RecordingMailTransport mail, ILoggerFactory loggers)
    {
        var silo = fixture.Cluster.GetSiloServiceProvider();
        return new NotificationDispatcher(fixture.Client, mail, silo.GetRequiredService<WebhookSender>(), Options.Create(new NotificationOptions()), site,
            silo.GetRequiredService<PPipeMetrics>(), TimeProvider.System, loggers.CreateLogger<NotificationDispatcher>());
    }

    private static OutboxMessage Message(string id, string email) => new(
        id, NotificationKind.Announcement, DateTimeOffset.UtcNow,
        new NotificationRecipient(TestCohorts.NewId("c-"), "Spring cohort", "ghost", "Ghost", email, null, default),
        NotificationChannel.None, [new NotificationEvent(NotificationKind.Announcement, "announcement-1", DateTimeOffset.UtcNow, "Lab moved", "Friday.")], 0);
}
