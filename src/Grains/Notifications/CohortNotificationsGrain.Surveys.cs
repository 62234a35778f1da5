using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Grains.Notifications;

/// <summary>
/// Survey notices: when a survey's window opens every enrolled student is told, and once, at
/// <see cref="SurveyNoticeTimes.DueAt"/>, students who have not submitted it are reminded. Each notice is delivered like
/// an announcement, paced, each enrollment deciding by its own preferences; who submitted is read from the step's survey
/// shards, so the cohort keeps counts, never a list of students. The surveys come from the cohort's surveys grain on each
/// change; this grain never calls it.
/// </summary>
internal sealed partial class CohortNotificationsGrain
{
    public async Task ScheduleSurveysAsync(CohortSurveys surveys)
    {
        ArgumentNullException.ThrowIfNull(surveys);
        var attached = surveys == CohortSurveys.None ? null : surveys;
        if (attached != Record.Surveys)
        {
            Record.Surveys = attached;
            await WriteAsync();
        }

        var now = time.GetUtcNow();
        await StartSurveyNoticesAsync(now);
        await KeepReminderAsync();
        ArmNextCheck(now);
    }

    public Task<ImmutableArray<SurveyNoticeStatus>> GetSurveyNoticesAsync()
    {
        var notices = ImmutableArray.CreateBuilder<SurveyNoticeStatus>();
        foreach (var (kind, schedule) in AttachedSurveys())
        {
            foreach (var stage in SurveyNoticeTimes.Stages)
            {
                var due = SurveyNoticeTimes.DueAt(schedule, stage);
                notices.Add(Record.SurveyNotices.Find(d => d.IsFor(kind, stage, schedule)) is { } d
                    ? new SurveyNoticeStatus(kind, stage, due, d.StartedAt, d.CompletedAt, d.Reached, d.Submitted, d.Unreached)
                    : new SurveyNoticeStatus(kind, stage, due, null, null, 0, 0, 0));
            }
        }

        return Task.FromResult(notices.ToImmutable());
    }

    /// <summary>Starts the delivery of every survey notice due and not started (written before the first step).</summary>
    private async Task StartSurveyNoticesAsync(DateTimeOffset now)
    {
        var started = false;
        foreach (var (kind, schedule) in AttachedSurveys())
        {
            foreach (var stage in SurveyNoticeTimes.Stages)
            {
                if (!SurveyNoticeTimes.IsDue(schedule, stage, now) || Record.SurveyNotices.Exists(d => d.IsFor(kind, stage, schedule)))
                {
                    continue;
                }

                var instrument = await instruments.FindAsync(schedule.InstrumentId, schedule.Version);
                // One delivery per survey and notice: a window that moved replaces what an older one left.
                Record.SurveyNotices.RemoveAll(d => d.Notice.Kind == kind && d.Notice.Stage == stage);
                Record.SurveyNotices.Add(new SurveyNoticeDelivery
                {
                    Notice = new SurveyNotice(kind, stage, instrument?.Title ?? schedule.InstrumentId, instrument?.Description, schedule.OpensAt, schedule.ClosesAt),
                    StartedAt = now,
                });
                started = true;
            }
        }

        if (started)
        {
            await WriteAsync();
            StartDelivering();
        }
    }

    /// <summary>When the next survey notice not yet started is due, or null when none is left to send.</summary>
    private DateTimeOffset? NextSurveyNoticeAt(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var (kind, schedule) in AttachedSurveys())
        {
            foreach (var stage in SurveyNoticeTimes.Stages)
            {
                if (SurveyNoticeTimes.IsPending(schedule, now) && !Record.SurveyNotices.Exists(d => d.IsFor(kind, stage, schedule)))
                {
                    next = Notifier.Earliest(next, SurveyNoticeTimes.DueAt(schedule, stage));
                }
            }
        }

        return next;
    }

    /// <summary>Whether a survey notice is still to start or to finish: the reminder must bring the grain back for it.</summary>
    private bool SurveyNoticesPending(DateTimeOffset now) =>
        NextSurveyNoticeAt(now) is not null || Record.SurveyNotices.Exists(d => d.CompletedAt is null);

    private IEnumerable<(SurveyKind Kind, SurveySchedule Schedule)> AttachedSurveys()
    {
        foreach (var kind in SurveyKindNames.All)
        {
            if (Record.Surveys?.Of(kind) is { } schedule)
            {
                yield return (kind, schedule);
            }
        }
    }

    /// <summary>
    /// One paced step of a survey notice: the next students, less (for a closing reminder) those the step's shards say
    /// submitted; ends the delivery at the last page, or when the window closed first.
    /// </summary>
    private async Task SurveyNoticeStepAsync(SurveyNoticeDelivery delivery)
    {
        var notice = delivery.Notice;
        var batch = time.GetUtcNow() < notice.ClosesAt ? await NextStudentsAsync(delivery) : [];
        if (notice.Stage == SurveyNoticeStage.Closing && batch.Count > 0)
        {
            var submitted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var shard in batch.Select(SurveyShards.ShardOf).Distinct())
            {
                submitted.UnionWith(await GrainFactory.GetGrain<ISurveyShardGrain>(SurveyShards.KeyOf(CohortId, shard)).SubmittedAsync(notice.Kind));
            }

            delivery.Submitted += batch.RemoveAll(submitted.Contains);
        }

        var reached = await TellAllAsync(batch, enrollment => enrollment.NoticeSurveyAsync(notice),
            (studentId, e) => LogSurveyNoticeUnreached(CohortId, notice.Key, studentId, e.Message));
        delivery.Reached += reached;
        delivery.Unreached += batch.Count - reached;
        var now = time.GetUtcNow();
        if (delivery.Page >= RosterPages.Count || now >= notice.ClosesAt)
        {
            delivery.CompletedAt = now;
            LogSurveyNoticeDelivered(CohortId, notice.Key, delivery.Reached, delivery.Submitted, delivery.Unreached);
        }

        await WriteAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cohort {CohortId}: survey notice {Key} told {Reached} students ({Submitted} had submitted, {Unreached} unreachable)")]
    private partial void LogSurveyNoticeDelivered(string cohortId, string key, int reached, int submitted, int unreached);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cohort {CohortId}: survey notice {Key} could not reach student {StudentId}: {Reason}")]
    private partial void LogSurveyNoticeUnreached(string cohortId, string key, string studentId, string reason);
}
