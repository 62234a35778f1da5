using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Notifications;

/// <summary>
/// Announcement delivery: a grain timer walks the roster pages a paced step at a time, passing over removed students,
/// and tells each enrollment, which decides for itself; the position is written after every step.
/// </summary>
internal sealed partial class CohortNotificationsGrain
{
    private void StartDelivering() =>
        _delivering ??= this.RegisterGrainTimer(_ => DeliverStepAsync(), new GrainTimerCreationOptions(TimeSpan.Zero, Step) { KeepAlive = true });

    /// <summary>One paced step of the oldest announcement still being delivered; stops the timer when none is.</summary>
    private async Task DeliverStepAsync()
    {
        if (Record.Announcements.Find(a => a.CompletedAt is null) is not { } delivery)
        {
            _delivering?.Dispose();
            _delivering = null;
            _pages.Clear();
            return;
        }

        var budget = Math.Max(1, (int)(notifier.Options.AnnouncementRate * Step.TotalSeconds));
        var batch = new List<string>(budget);
        while (batch.Count < budget && delivery.Page < RosterPages.Count)
        {
            var students = await PageAsync(delivery.Page);
            var take = Math.Min(budget - batch.Count, students.Length - delivery.Offset);
            // Removed students are passed over (the offset counts them, so it stays true if one is removed meanwhile).
            batch.AddRange(students.Skip(delivery.Offset).Take(Math.Max(0, take)).Where(s => !s.IsRemoved).Select(s => s.StudentId));
            delivery.Offset += Math.Max(0, take);
            if (delivery.Offset >= students.Length)
            {
                _pages.Remove(delivery.Page);
                delivery.Page++;
                delivery.Offset = 0;
            }
        }

        var reached = 0;
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = notifier.Options.AnnouncementConcurrency, TaskScheduler = TaskScheduler.Current },
            async (studentId, _) =>
            {
                if (await AnnounceToAsync(studentId, delivery.Announcement))
                {
                    Interlocked.Increment(ref reached);
                }
            });
        delivery.Reached += reached;
        delivery.Unreached += batch.Count - reached;
        if (delivery.Page >= RosterPages.Count)
        {
            delivery.CompletedAt = time.GetUtcNow();
            LogDelivered(CohortId, delivery.Announcement.Seq, delivery.Reached, delivery.Unreached);
        }

        await WriteAsync();
    }

    /// <summary>Tells one student, trying twice; false when the enrollment could not be reached.</summary>
    private async Task<bool> AnnounceToAsync(string studentId, Announcement announcement)
    {
        var enrollment = GrainFactory.GetGrain<IEnrollmentGrain>(new EnrollmentKey(CohortId, studentId).ToString());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await enrollment.AnnounceAsync(announcement);
                return true;
            }
            catch (Exception e) when (attempt < 2 && e is not OutOfMemoryException)
            {
                // Once more: a student whose silo just died is usually back on another one by now.
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogUnreached(CohortId, announcement.Seq, studentId, e.Message);
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
