using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Notifications;

/// <summary>
/// Announcement and survey notice delivery: a grain timer walks the roster pages a paced step at a time, passing over
/// removed students, and tells each enrollment, which decides for itself; the position is written after every step.
/// </summary>
internal sealed partial class CohortNotificationsGrain
{
    private void StartDelivering() =>
        _delivering ??= this.RegisterGrainTimer(_ => DeliverStepAsync(), new GrainTimerCreationOptions(TimeSpan.Zero, Step) { KeepAlive = true });

    /// <summary>
    /// One paced step of the oldest announcement still being delivered, or else of the oldest survey notice; stops the
    /// timer when none is.
    /// </summary>
    private async Task DeliverStepAsync()
    {
        if (Record.Announcements.Find(a => a.CompletedAt is null) is { } delivery)
        {
            await AnnouncementStepAsync(delivery);
        }
        else if (Record.SurveyNotices.Find(n => n.CompletedAt is null) is { } notice)
        {
            await SurveyNoticeStepAsync(notice);
        }
        else
        {
            _delivering?.Dispose();
            _delivering = null;
            _pages.Clear();
        }
    }

    private async Task AnnouncementStepAsync(AnnouncementDelivery delivery)
    {
        var batch = await NextStudentsAsync(delivery);
        var announcement = delivery.Announcement;
        var reached = await TellAllAsync(batch, enrollment => enrollment.AnnounceAsync(announcement),
            (studentId, e) => LogUnreached(CohortId, announcement.Seq, studentId, e.Message));
        delivery.Reached += reached;
        delivery.Unreached += batch.Count - reached;
        if (delivery.Page >= RosterPages.Count)
        {
            delivery.CompletedAt = time.GetUtcNow();
            LogDelivered(CohortId, delivery.Announcement.Seq, delivery.Reached, delivery.Unreached);
        }

        await WriteAsync();
    }

    /// <summary>
    /// The next students of a step (at most <see cref="NotificationOptions.AnnouncementRate"/> per second of
    /// <see cref="Step"/>), moving <paramref name="walk"/> past them; removed students are passed over.
    /// </summary>
    private async Task<List<string>> NextStudentsAsync(IRosterWalk walk)
    {
        var budget = Math.Max(1, (int)(notifier.Options.AnnouncementRate * Step.TotalSeconds));
        var batch = new List<string>(budget);
        while (batch.Count < budget && walk.Page < RosterPages.Count)
        {
            var students = await PageAsync(walk.Page);
            var take = Math.Min(budget - batch.Count, students.Length - walk.Offset);
            // Removed students are passed over (the offset counts them, so it stays true if one is removed meanwhile).
            batch.AddRange(students.Skip(walk.Offset).Take(Math.Max(0, take)).Where(s => !s.IsRemoved).Select(s => s.StudentId));
            walk.Offset += Math.Max(0, take);
            if (walk.Offset >= students.Length)
            {
                _pages.Remove(walk.Page);
                walk.Page++;
                walk.Offset = 0;
            }
        }

        return batch;
    }

    /// <summary>
    /// Makes one call to each student's enrollment, at most <see cref="NotificationOptions.AnnouncementConcurrency"/> at once, each
    /// tried twice; answers how many were reached, after <paramref name="unreached"/> for each of the others.
    /// </summary>
    private async Task<int> TellAllAsync(IReadOnlyList<string> students, Func<IEnrollmentGrain, Task> tell, Action<string, Exception> unreached)
    {
        var reached = 0;
        await Parallel.ForEachAsync(students, new ParallelOptions { MaxDegreeOfParallelism = notifier.Options.AnnouncementConcurrency, TaskScheduler = TaskScheduler.Current },
            async (studentId, _) =>
            {
                if (await TellAsync(studentId, tell, e => unreached(studentId, e)))
                {
                    Interlocked.Increment(ref reached);
                }
            });
        return reached;
    }

    /// <summary>Makes one call to a student's enrollment, trying twice; false (after <paramref name="unreached"/>) when it could not be reached.</summary>
    private async Task<bool> TellAsync(string studentId, Func<IEnrollmentGrain, Task> tell, Action<Exception> unreached)
    {
        var enrollment = GrainFactory.GetGrain<IEnrollmentGrain>(new EnrollmentKey(CohortId, studentId).ToString());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await tell(enrollment);
                return true;
            }
            catch (Exception e) when (attempt < 2 && e is not OutOfMemoryException)
            {
                // Once more: a student whose silo just died is usually back on another one by now.
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                unreached(e);
                return false;
            }
        }
    }

    private async Task<ImmutableArray<RosterEntry>> PageAsync(int page)
    {
        if (!_pages.TryGetValue(page, out var students))
        {
            _pages[page] = students = await GrainFactory.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(CohortId, page)).ListAsync();
        }

        return students;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cohort {CohortId}: announcement {Seq} delivered to {Reached} students ({Unreached} unreachable)")]
    private partial void LogDelivered(string cohortId, int seq, int reached, int unreached);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cohort {CohortId}: announcement {Seq} could not reach student {StudentId}: {Reason}")]
    private partial void LogUnreached(string cohortId, int seq, string studentId, string reason);
}
