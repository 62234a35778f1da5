using System.Security.Claims;
using System.Text;
using System.Text.Json;
using PPipe.Frontend.Api;
using PPipe.Grains.Client.Credentials;
using PPipe.Grains.Interfaces.Credentials;
using PPipe.Frontend.Notifications;
using PPipe.Grains.Client.Notifications;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Scenarios.Timeline;
using PPipe.Grains.Client.Releases;

namespace PPipe.Frontend.Students;

/// <summary>
/// <c>GET /api/v1/events</c>: a server-sent event stream of the student's timeline as it happens
/// (<c>release</c>, <c>batch-opened</c>), of their own enrollment (<c>batch-scored</c>, <c>probe-failed</c>,
/// <c>grade-changed</c>) and of their instructor (<c>announcement</c>, from the front end's cache of the cohort's list). The timeline is computed from the cohort's schedule in the front end; the enrollment is
/// asked what changed every two seconds (two cheap calls, the grade only when something arrived). A comment line
/// every 15 s keeps proxies from closing it; a silo failing over pauses the stream rather than ending it. The stream
/// ends when its token is revoked (a re-issue, a removal), as soon as this front end hears of it.
/// </summary>
public static class EventStreamEndpoint
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapEventStream(this RouteGroupBuilder api)
    {
        api.MapGet("/events", StreamAsync)
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .WithSummary("Server-sent events")
            .WithDescription("A text/event-stream of release, batch-opened, batch-scored, probe-failed, grade-changed and announcement events, " +
                "each with an id and a JSON data line (a release is the listing's release object). A comment line every 15 s keeps it open.");
        return api;
    }

    private static async Task StreamAsync(HttpContext http, ClaimsPrincipal user, StudentContext students, IGrainFactory grains, TimeProvider time,
        RevocationListener revocations, CohortAnnouncements announcements)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var credentialKey = StudentToken.KeyOf(BearerToken.From(http.Request) ?? "");
        void EndIfMine(string revoked)
        {
            if (revoked != credentialKey)
            {
                return;
            }

            try
            {
                // Not inline: the stream's own code must not run on the thread that delivers the revocation.
                _ = ended.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // The stream ended meanwhile.
            }
        }

        revocations.Revoked += EndIfMine;
        try
        {
            await WriteEventsAsync(http, enrollment, students, grains, announcements, time, ended.Token);
        }
        finally
        {
            revocations.Revoked -= EndIfMine;
        }
    }

    private static async Task WriteEventsAsync(HttpContext http, EnrollmentKey enrollment, StudentContext students, IGrainFactory grains,
        CohortAnnouncements announcements, TimeProvider time, CancellationToken aborted)
    {
        var response = http.Response;

        var view = await students.ResolveAsync(enrollment);
        var seen = view.Elapsed;
        // Before the stream says it is connected: an announcement posted once a client has seen that is announced on it.
        var announced = await LatestAnnouncementAsync(announcements, enrollment.CohortId);
        await response.WriteAsync(": connected\n\n", aborted);
        await response.Body.FlushAsync(aborted);
        var lastWrite = time.GetUtcNow();
        var activity = new ActivityWatch(grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()));
        await activity.StartAsync();
        var lastActivityCheck = time.GetUtcNow();
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                try
                {
                    view = await students.ResolveAsync(enrollment);
                }
                catch (Exception e) when (ClusterUnavailableHandler.IsUnavailable(e) || (e is OperationCanceledException && !aborted.IsCancellationRequested))
                {
                    // A silo is failing over (or a message expired on the way): keep the stream open on the last view and
                    // try again shortly.
                    await Task.Delay(ActivityRefresh, time, aborted);
                    continue;
                }
                foreach (var due in view.Schedule.EventsBetween(seen, view.Elapsed, TimelineEventKinds.Release | TimelineEventKinds.BatchOpens))
                {
                    await WriteEventAsync(response, view, due, aborted);
                    lastWrite = view.Now;
                }

                if (time.GetUtcNow() - lastActivityCheck >= ActivityRefresh)
                {
                    foreach (var (name, id, data) in await NewActivityAsync(activity))
                    {
                        await WriteAsync(response, name, id, data, aborted);
                        lastWrite = time.GetUtcNow();
                    }

                    foreach (var a in await NewAnnouncementsAsync(announcements, enrollment.CohortId, announced))
                    {
                        await WriteAsync(response, "announcement", $"announcement-{a.Seq}", a, aborted);
                        announced = a.Seq;
                        lastWrite = time.GetUtcNow();
                    }

                    lastActivityCheck = time.GetUtcNow();
                }

                seen = view.Elapsed > seen ? view.Elapsed : seen;
                var next = view.Schedule.NextEventAfter(seen, TimelineEventKinds.Release | TimelineEventKinds.BatchOpens);
                var wait = Heartbeat;
                if (next is { } upcoming && view.WallTimeAt(upcoming.At) is { } at && at - view.Now < wait)
                {
                    // Scenario time advances by the cohort clock, which is re-read each loop (pauses included).
                    wait = at - view.Now + TimeSpan.FromMilliseconds(5);
                }

                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait < ActivityRefresh ? wait : ActivityRefresh, time, aborted);
                }

                if (time.GetUtcNow() - lastWrite >= Heartbeat)
                {
                    await response.WriteAsync(": keep-alive\n\n", aborted);
                    await response.Body.FlushAsync(aborted);
                    lastWrite = time.GetUtcNow();
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The student closed the stream, or its token was revoked.
        }
    }

    /// <summary>
    /// What the enrollment has to announce; nothing this round when the cluster cannot answer (a silo is
    /// failing over): the stream stays open and the next round catches up, since the watch only moves
    /// forward on what it has seen.
    /// </summary>
    private static async Task<List<(string Name, string Id, object Data)>> NewActivityAsync(ActivityWatch activity)
    {
        try
        {
            return await activity.NewEventsAsync();
        }
        catch (Exception e) when (ClusterUnavailableHandler.IsUnavailable(e) || e is OperationCanceledException)
        {
            return [];
        }
    }

    /// <summary>The cohort's announcements after <paramref name="after"/>, oldest first; none this round when the cluster cannot answer.</summary>
    private static async Task<List<AnnouncementEvent>> NewAnnouncementsAsync(CohortAnnouncements announcements, string cohortId, int after)
    {
        try
        {
            return [.. (await announcements.GetAsync(cohortId)).Select(a => a.Announcement).Where(a => a.Seq > after).OrderBy(a => a.Seq)
                .Select(a => new AnnouncementEvent(a.Seq, a.Subject, a.Text, a.PostedAt))];
        }
        catch (Exception e) when (ClusterUnavailableHandler.IsUnavailable(e) || e is OperationCanceledException)
        {
            return [];
        }
    }

    /// <summary>The newest announcement when the stream opens: only later ones are announced on it.</summary>
    private static async Task<int> LatestAnnouncementAsync(CohortAnnouncements announcements, string cohortId)
    {
        try
        {
            return (await announcements.GetAsync(cohortId)) is [var newest, ..] ? newest.Announcement.Seq : 0;
        }
        catch (Exception e) when (ClusterUnavailableHandler.IsUnavailable(e) || e is OperationCanceledException)
        {
            return 0;
        }
    }

    /// <summary>
    /// How often a waiting stream re-reads the cohort (so a pause or resume is noticed) and asks the
    /// enrollment what changed (scores, probes, grade).
    /// </summary>
    private static readonly TimeSpan ActivityRefresh = TimeSpan.FromSeconds(2);

    private static async Task WriteEventAsync(HttpResponse response, StudentView view, TimelineEvent due, CancellationToken aborted)
    {
        var at = view.WallTimeAt(due.At) ?? view.Now;
        string name;
        object data;
        if (due.Kind == TimelineEventKinds.Release)
        {
            name = "release";
            data = PublishedRelease.Of(view.Schedule.Releases[(int)due.Seq - 1], at);
        }
        else
        {
            var batch = view.Schedule.Batches[(int)due.Seq - 1];
            name = "batch-opened";
            data = new BatchOpenedEvent(batch.Seq, at, view.WallTimeAt(batch.DueAt), batch.Rows);
        }

        await WriteAsync(response, name, $"{name}-{due.Seq}", data, aborted);
    }

    private static async Task WriteAsync(HttpResponse response, string name, string id, object data, CancellationToken aborted)
    {
        var text = new StringBuilder()
            .Append("id: ").Append(id).Append('\n')
            .Append("event: ").Append(name).Append('\n')
            .Append("data: ").Append(JsonSerializer.Serialize(data, ApiJson.Options)).Append("\n\n")
            .ToString();
        await response.WriteAsync(text, aborted);
        await response.Body.FlushAsync(aborted);
    }
}
