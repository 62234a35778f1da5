using System.Collections.Immutable;
using System.Globalization;
using PPipe.Grains.Client.Surveys;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Grains.Surveys;

/// <summary>
/// A student's survey answers. Decisions about the answers themselves are <see cref="SurveyAnswerCheck"/>'s; this reads the
/// cohort's schedule, asks it, stores the draft, or pushes the submission to the cohort's shard and only then records it.
/// </summary>
internal sealed class StudentSurveysGrain(
    [PersistentState("studentSurveys", StorageNames.Default)] IPersistentState<StudentSurveysState> state,
    SurveyInstrumentCatalog instruments,
    TimeProvider time) : Grain, IStudentSurveysGrain
{
    private EnrollmentKey Key => EnrollmentKey.Parse(this.GetPrimaryKeyString());

    public Task<ImmutableArray<StudentSurvey>> GetAsync() => Task.FromResult(state.State.Surveys.ToImmutableArray());

    public async Task<SurveyAnswerResult> SaveDraftAsync(SurveyKind kind, ImmutableArray<SurveyAnswer> answers)
    {
        var (schedule, refusal) = await OpenSurveyAsync(kind);
        if (refusal is not null)
        {
            return refusal;
        }

        var instrument = await instruments.FindAsync(schedule!.InstrumentId, schedule.Version)
            ?? throw new InvalidOperationException($"The cohort's {kind} survey names {schedule.InstrumentId} v{schedule.Version}, which does not exist.");
        var (kept, problems) = SurveyAnswerCheck.Check(instrument, answers.IsDefault ? [] : answers, complete: false);
        if (!problems.IsEmpty)
        {
            return new SurveyAnswerResult(SurveyAnswerStatus.Invalid, null, problems, "Some answers are not valid; the draft was not saved.");
        }

        var now = time.GetUtcNow();
        Put(SurveyOf(kind) with { Draft = kept, DraftSavedAt = now });
        await this.WriteOrDeactivateAsync(state);
        return new SurveyAnswerResult(SurveyAnswerStatus.Saved, now, [], null);
    }

    public async Task<SurveyAnswerResult> SubmitAsync(SurveyKind kind, ImmutableArray<SurveyAnswer>? answers)
    {
        var (schedule, refusal) = await OpenSurveyAsync(kind);
        if (refusal is not null)
        {
            return refusal;
        }

        var instrument = await instruments.FindAsync(schedule!.InstrumentId, schedule.Version)
            ?? throw new InvalidOperationException($"The cohort's {kind} survey names {schedule.InstrumentId} v{schedule.Version}, which does not exist.");
        var survey = SurveyOf(kind);
        var given = answers is { IsDefault: false } sent ? sent : survey.Draft.IsDefault ? [] : survey.Draft;
        var (kept, problems) = SurveyAnswerCheck.Check(instrument, given, complete: true);
        if (!problems.IsEmpty)
        {
            return new SurveyAnswerResult(SurveyAnswerStatus.Invalid, null, problems, "Some answers are missing or not valid; nothing was submitted.");
        }

        // The shard is the record research reads: the submission is durable there before this grain records it, and a
        // retry after a lost answer finds the shard's copy and records that one.
        var submission = new SurveySubmission(schedule.InstrumentId, schedule.Version, time.GetUtcNow(), kept);
        var stored = await GrainFactory.GetGrain<ISurveyShardGrain>(SurveyShards.KeyOf(Key.CohortId, Key.StudentId)).SubmitAsync(Key.StudentId, kind, submission);
        Put(survey with { Draft = [], DraftSavedAt = null, SubmittedAt = stored.SubmittedAt, Submitted = stored.Answers });
        await this.WriteOrDeactivateAsync(state);
        return new SurveyAnswerResult(SurveyAnswerStatus.Submitted, stored.SubmittedAt, [], null);
    }

    private async Task<(SurveySchedule? Schedule, SurveyAnswerResult? Refusal)> OpenSurveyAsync(SurveyKind kind)
    {
        var name = SurveyKindNames.Title(kind);
        var schedule = (await GrainFactory.GetGrain<ICohortSurveysGrain>(Key.CohortId).GetAsync()).Of(kind);
        if (schedule is null)
        {
            return (null, new SurveyAnswerResult(SurveyAnswerStatus.NoSurvey, null, [], $"Your cohort has no {name}."));
        }

        if (SurveyOf(kind).SubmittedAt is { } submittedAt)
        {
            return (schedule, new SurveyAnswerResult(SurveyAnswerStatus.AlreadySubmitted, submittedAt, [],
                $"You submitted the {name} at {Format(submittedAt)}; a submission is final."));
        }

        var now = time.GetUtcNow();
        if (!schedule.IsOpenAt(now))
        {
            return (schedule, new SurveyAnswerResult(SurveyAnswerStatus.NotOpen, null, [], now < schedule.OpensAt
                ? $"The {name} opens at {Format(schedule.OpensAt)}."
                : $"The {name} closed at {Format(schedule.ClosesAt)}."));
        }

        return (schedule, null);
    }

    private StudentSurvey SurveyOf(SurveyKind kind) =>
        state.State.Surveys.Find(s => s.Kind == kind) ?? new StudentSurvey(kind, [], null, null, []);

    private void Put(StudentSurvey survey)
    {
        state.State.Surveys.RemoveAll(s => s.Kind == survey.Kind);
        state.State.Surveys.Add(survey);
    }

    private static string Format(DateTimeOffset at) => at.ToString("u", CultureInfo.InvariantCulture);
}
