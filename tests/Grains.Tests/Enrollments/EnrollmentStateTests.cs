using PPipe.Grains.Enrollments;
using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Channels;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Notifications;
using PPipe.Scenarios;

namespace PPipe.Grains.Tests.Enrollments;

/// <summary>The enrollment's state keeps itself bounded and records what a tick did.</summary>
public sealed class EnrollmentStateTests
{
    private static readonly DateTimeOffset Now = new(2031, 5, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RecordFetch_SameReleaseAgain_FirstKept()
    {
        var state = new EnrollmentState();

        var first = state.RecordFetch(new FetchRecord(1, Now, "api"));
        var second = state.RecordFetch(new FetchRecord(1, Now.AddMinutes(1), "bucket"));

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(new FetchRecord(1, Now, "api"), Assert.Single(state.Fetches));
    }

    [Fact]
    public void FinishWebhook_ReportedTwice_RecordedOnce()
    {
        var state = new EnrollmentState();
        state.WebhookPending[3] = Now;

        var first = state.FinishWebhook(3, [Attempt(3, 1)]);
        var again = state.FinishWebhook(3, [Attempt(3, 2)]);

        Assert.True(first);
        Assert.False(again);
        Assert.Equal([3], state.WebhookDone);
        Assert.Empty(state.WebhookPending);
        Assert.Equal([Attempt(3, 1)], state.WebhookAttempts);
    }

    [Fact]
    public void FinishWebhook_ManyAttempts_OnlyTheNewestKept()
    {
        var state = new EnrollmentState();

        for (var seq = 1; seq <= 40; seq++)
        {
            state.FinishWebhook(seq, [Attempt(seq, 1), Attempt(seq, 2)]);
        }

        Assert.Equal(EnrollmentState.WebhookAttemptCapacity, state.WebhookAttempts.Count);
        Assert.Equal(Attempt(40, 2), state.WebhookAttempts[^1]);
        Assert.Equal(Attempt(9, 1), state.WebhookAttempts[0]);
    }

    [Fact]
    public void AddCopyFlag_KnownPairOrFull_NotAdded()
    {
        var state = new EnrollmentState();
        for (var i = 0; i < EnrollmentState.CopyFlagCapacity - 1; i++)
        {
            state.AddCopyFlag(new CopyFlag(1, "ada", $"other-{i}", 0.9, Now));
        }

        var known = state.AddCopyFlag(new CopyFlag(1, "ada", "other-0", 0.95, Now));
        var last = state.AddCopyFlag(new CopyFlag(2, "ada", "other-0", 0.95, Now));
        var beyond = state.AddCopyFlag(new CopyFlag(3, "ada", "other-0", 0.95, Now));

        Assert.False(known);
        Assert.True(last);
        Assert.False(beyond);
        Assert.Equal(EnrollmentState.CopyFlagCapacity, state.CopyFlags.Count);
    }

    [Fact]
    public void Advance_ATickThatHandedOutScoredAndProbed_AllRecorded()
    {
        var state = new EnrollmentState { NextProbeSlot = 2, ProcessedUntil = TimeSpan.FromHours(1) };
        var notice = new WebhookNotice(new EnrollmentKey("c-1", "ada"), 2, "https://hooks.example.org", "whsec_1", []);
        var verdict = new BatchVerdict(false, 0, 40, 3.1, 2.9, 4.0, 0.8);

        var changed = state.Advance(TimeSpan.FromHours(30), Now, new WebhookDue([notice], [1]), [new ScoredBatch(1, verdict, null), new ScoredBatch(2, null, null)], 7);

        Assert.True(changed);
        Assert.Equal(TimeSpan.FromHours(30), state.ProcessedUntil);
        Assert.Equal(8, state.NextProbeSlot);
        Assert.Equal([1], state.WebhookDone);
        Assert.Equal(Now, state.WebhookPending[2]);
        Assert.Equal((true, 0.8, 3.1), (state.Batches.OutcomeOf(1)!.Scored, state.Batches.OutcomeOf(1)!.Relative, state.Batches.OutcomeOf(1)!.Score));
        Assert.Equal((true, 0.0), (state.Batches.OutcomeOf(2)!.Scored, state.Batches.OutcomeOf(2)!.Relative));
    }

    [Fact]
    public void Advance_NothingNewAndNoTimePassed_Unchanged()
    {
        var state = new EnrollmentState { NextProbeSlot = 2, ProcessedUntil = TimeSpan.FromHours(1) };

        var changed = state.Advance(TimeSpan.FromHours(1), Now, WebhookDue.None, [], null);

        Assert.False(changed);
        Assert.Equal(2, state.NextProbeSlot);
    }

    private static WebhookAttemptRecord Attempt(int seq, int attempt) => new(seq, attempt, Now, 200, null, 5);

    [Fact]
    public void ResetProgress_StudentWithHistory_ProgressGoneSetUpAndEvidenceOfCopiesKept()
    {
        var state = new EnrollmentState { EndpointUrl = "https://model.example/predict", EndpointRegisteredAt = Now.AddDays(-2), SubmissionCount = 3 };
        state.RegisterWebhook("https://hooks.example/", "whsec_1", Now.AddDays(-2));
        state.RecordFetch(new FetchRecord(1, Now.AddDays(-1), "api"));
        state.OutcomeFor(1).RecordSubmission(Now.AddHours(-3), late: false, rows: 40);
        state.WebhookPending[2] = Now.AddMinutes(-1);
        state.FinishWebhook(1, [Attempt(1, 1)]);
        state.AddCopyFlag(new CopyFlag(1, "ada", "bob", 0.99, Now.AddHours(-2)));
        state.Extension = TimeSpan.FromHours(12);
        state.ProcessedUntil = TimeSpan.FromDays(1);
        DailyGrade.Note(state.DailyGrades, 2, 0.4, GradeLevel.NotYetProficient);

        state.ResetProgress(Now, TimeSpan.FromDays(2.5), nextProbeSlot: 36);

        Assert.Empty(state.Fetches);
        Assert.Empty(state.DailyGrades);
        Assert.Empty(state.Batches);
        Assert.Null(state.Probes);
        Assert.Empty(state.WebhookAttempts);
        Assert.Empty(state.WebhookDone);
        Assert.Empty(state.WebhookPending);
        Assert.Equal((36L, TimeSpan.FromDays(2.5), (DateTimeOffset?)Now), (state.NextProbeSlot, state.ProcessedUntil, state.ProgressResetAt));
        Assert.Equal(("https://model.example/predict", (DateTimeOffset?)Now), (state.EndpointUrl, state.EndpointRegisteredAt));
        Assert.Equal(("https://hooks.example/", "whsec_1", (DateTimeOffset?)Now), (state.WebhookUrl, state.WebhookSecret, state.WebhookRegisteredAt));
        Assert.Equal((TimeSpan.FromHours(12), 1, 3), (state.Extension, state.CopyFlags.Count, state.SubmissionCount));
    }

    [Fact]
    public void ResetProgress_StudentWithNotifications_WatchesStartAgainAndPreferencesStay()
    {
        var preferences = NotificationPreferences.Default with { Muted = [NotificationKind.Announcement] };
        var state = new EnrollmentState
        {
            Notifications = new StudentNotificationState
            {
                Preferences = preferences,
                WatchedUntil = TimeSpan.FromDays(1),
                Endpoint = new EndpointWatch(4, Down: true, Episodes: 1),
                Level = "Proficient",
                LevelChanges = 2,
                LastAnnouncement = 3,
            },
        };

        state.ResetProgress(Now, TimeSpan.FromDays(2.5), nextProbeSlot: 36);

        var notices = state.Notifications;
        Assert.Equal((TimeSpan.FromDays(2.5), EndpointWatch.Initial, (string?)null), (notices.WatchedUntil, notices.Endpoint, notices.Level));
        Assert.Equal((preferences, 2, 3), (notices.Preferences, notices.LevelChanges, notices.LastAnnouncement));
    }
}
