using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PPipe.Frontend.Api;
using PPipe.Frontend.Students;
using PPipe.Grains.Client.Surveys;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Frontend.Surveys;

/// <summary>
/// The student's surveys and research consent: <c>GET /api/v1/surveys</c>, <c>GET /api/v1/surveys/{kind}</c>, drafts, the one
/// submission, and <c>GET/PUT /api/v1/consent</c>.
/// </summary>
public static class SurveyEndpoints
{
    public static RouteGroupBuilder MapSurveyEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/surveys", ListAsync)
            .WithSummary("Your surveys")
            .WithDescription("The cohort's pre- and post-survey, each with its instrument, window, status (upcoming, open, closed) and your " +
                "progress (notStarted, draft, submitted), and your research consent.");
        api.MapGet("/surveys/{kind}", GetAsync)
            .WithSummary("One survey, to answer")
            .WithDescription("kind is pre, post or feedback. The instrument's sections and items (never the answer key) and your draft or submitted " +
                "answers by item id. 404 when the cohort has no such survey.");
        api.MapPut("/surveys/{kind}/draft", SaveDraftAsync)
            .WithSummary("Save a draft")
            .WithDescription("Body {\"answers\": {\"<item id>\": <answer>}}: a whole number for a self-rating (on its scale) or a single-choice " +
                "question (the option's index from 0), a list of indexes for a multiple-choice question, text for a free-text one. Replaces " +
                "the draft; items may be left out. 409 outside the survey's window or after submitting; 422 names each unknown item and " +
                "each answer of the wrong type or out of range, and nothing is saved.");
        api.MapPost("/surveys/{kind}/submit", SubmitAsync)
            .WithSummary("Submit a survey")
            .WithDescription("Body as a draft, or no answers to submit the saved draft. Every required item must be answered. Once only: " +
                "a second submission is a 409, as is one outside the window. 422 names every answer to fix, and nothing is stored.");
        api.MapGet("/consent", GetConsentAsync)
            .WithSummary("Your research consent")
            .WithDescription("notAsked, given or withdrawn, when it last changed, and what agreeing means.");
        api.MapPut("/consent", SetConsentAsync)
            .WithSummary("Give or withdraw research consent")
            .WithDescription("Body {\"given\": true} or {\"given\": false}. Withdrawing leaves you out of every export from then on. 422 " +
                "without given.");
        return api;
    }

    private static async Task<Ok<StudentSurveyList>> ListAsync(ClaimsPrincipal user, IGrainFactory grains, SurveyInstrumentCatalog instruments, TimeProvider time)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var schedules = await grains.GetGrain<ICohortSurveysGrain>(enrollment.CohortId).GetAsync();
        var mine = await grains.GetGrain<IStudentSurveysGrain>(enrollment.ToString()).GetAsync();
        var consent = await ShardOf(grains, enrollment).GetConsentAsync(enrollment.StudentId);
        var now = time.GetUtcNow();
        var surveys = new List<StudentSurveySummary>();
        foreach (var kind in SurveyKinds.All)
        {
            if (schedules.Of(kind) is { } schedule)
            {
                surveys.Add(await SummaryAsync(kind, schedule, mine, instruments, now));
            }
        }

        return TypedResults.Ok(new StudentSurveyList(surveys, ConsentView.Of(consent)));
    }

    private static async Task<Results<Ok<StudentSurveyView>, NotFoundProblem>> GetAsync(string kind, ClaimsPrincipal user, IGrainFactory grains,
        SurveyInstrumentCatalog instruments, TimeProvider time)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        if (!SurveyKinds.TryParse(kind, out var surveyKind)
            || (await grains.GetGrain<ICohortSurveysGrain>(enrollment.CohortId).GetAsync()).Of(surveyKind.Value) is not { } schedule)
        {
            return NoSurvey(kind);
        }

        var mine = await grains.GetGrain<IStudentSurveysGrain>(enrollment.ToString()).GetAsync();
        var instrument = await instruments.FindAsync(schedule.InstrumentId, schedule.Version)
            ?? throw new InvalidOperationException($"The cohort's survey names {schedule.InstrumentId} v{schedule.Version}, which does not exist.");
        var summary = await SummaryAsync(surveyKind.Value, schedule, mine, instruments, time.GetUtcNow());
        var answers = mine.FirstOrDefault(s => s.Kind == surveyKind) is { } survey
            ? survey.SubmittedAt is not null ? survey.Submitted : survey.Draft
            : [];
        return TypedResults.Ok(new StudentSurveyView(summary, InstrumentView.Of(instrument), SurveyAnswersReader.Write(answers.IsDefault ? [] : answers)));
    }

    private static Task<Results<Ok<SurveyAnswerReceipt>, NotFoundProblem, ConflictProblem, InvalidProblem>> SaveDraftAsync(string kind,
        SurveyAnswersRequest? request, ClaimsPrincipal user, IGrainFactory grains) =>
        AnswerAsync(kind, request, user, grains, submit: false);

    private static Task<Results<Ok<SurveyAnswerReceipt>, NotFoundProblem, ConflictProblem, InvalidProblem>> SubmitAsync(string kind,
        SurveyAnswersRequest? request, ClaimsPrincipal user, IGrainFactory grains) =>
        AnswerAsync(kind, request, user, grains, submit: true);

    private static async Task<Results<Ok<SurveyAnswerReceipt>, NotFoundProblem, ConflictProblem, InvalidProblem>> AnswerAsync(string kind,
        SurveyAnswersRequest? request, ClaimsPrincipal user, IGrainFactory grains, bool submit)
    {
        if (!SurveyKinds.TryParse(kind, out var surveyKind))
        {
            return NoSurvey(kind);
        }

        ImmutableArray<SurveyAnswer>? answers = null;
        if (request?.Answers is { } sent)
        {
            var (read, errors) = SurveyAnswersReader.Read(sent);
            if (errors.Count > 0)
            {
                return ApiProblems.Invalid("The answers are not valid.", $"{errors.Count} answer(s) need fixing; nothing was stored.", errors);
            }

            answers = read;
        }
        else if (!submit)
        {
            return ApiProblems.Invalid("The answers are not valid.", "answers", "Send {\"answers\": {\"<item id>\": <answer>}} as JSON.");
        }

        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var student = grains.GetGrain<IStudentSurveysGrain>(enrollment.ToString());
        var result = submit ? await student.SubmitAsync(surveyKind.Value, answers) : await student.SaveDraftAsync(surveyKind.Value, answers ?? []);
        var count = answers?.Length ?? 0;
        return result.Status switch
        {
            SurveyAnswerStatus.Saved => TypedResults.Ok(new SurveyAnswerReceipt(kind, StudentSurveyProgress.Draft, result.At!.Value, count)),
            SurveyAnswerStatus.Submitted => TypedResults.Ok(new SurveyAnswerReceipt(kind, StudentSurveyProgress.Submitted, result.At!.Value,
                answers?.Length ?? (await student.GetAsync()).First(s => s.Kind == surveyKind).Submitted.Length)),
            SurveyAnswerStatus.NoSurvey => NoSurvey(kind),
            SurveyAnswerStatus.AlreadySubmitted => ApiProblems.Conflict("The survey was submitted already.", result.Detail),
            SurveyAnswerStatus.NotOpen => ApiProblems.Conflict("The survey is not open.", result.Detail),
            _ => ApiProblems.Invalid("The answers are not valid.", result.Detail ?? "Some answers need fixing; nothing was stored.",
                result.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray())),
        };
    }

    private static async Task<Ok<ConsentView>> GetConsentAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        return TypedResults.Ok(ConsentView.Of(await ShardOf(grains, enrollment).GetConsentAsync(enrollment.StudentId)));
    }

    private static async Task<Results<Ok<ConsentView>, InvalidProblem>> SetConsentAsync(ConsentRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (request?.Given is not { } given)
        {
            return ApiProblems.Invalid("The consent is not valid.", "given", "Send {\"given\": true} to allow research use of your answers, or false to withdraw.");
        }

        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        return TypedResults.Ok(ConsentView.Of(await ShardOf(grains, enrollment).SetConsentAsync(enrollment.StudentId, given)));
    }

    internal static async Task<StudentSurveySummary> SummaryAsync(SurveyKind kind, SurveySchedule schedule, ImmutableArray<StudentSurvey> mine,
        SurveyInstrumentCatalog instruments, DateTimeOffset now)
    {
        var title = (await instruments.FindAsync(schedule.InstrumentId, schedule.Version))?.Title ?? schedule.InstrumentId;
        var survey = mine.FirstOrDefault(s => s.Kind == kind);
        var progress = survey?.SubmittedAt is not null ? StudentSurveyProgress.Submitted
            : survey?.DraftSavedAt is not null ? StudentSurveyProgress.Draft
            : StudentSurveyProgress.NotStarted;
        var status = now < schedule.OpensAt ? StudentSurveyStatus.Upcoming : schedule.IsOpenAt(now) ? StudentSurveyStatus.Open : StudentSurveyStatus.Closed;
        return new StudentSurveySummary(SurveyKinds.Name(kind), schedule.InstrumentId, schedule.Version, title, schedule.OpensAt, schedule.ClosesAt,
            status, progress, survey?.DraftSavedAt, survey?.SubmittedAt);
    }

    private static ISurveyShardGrain ShardOf(IGrainFactory grains, EnrollmentKey enrollment) =>
        grains.GetGrain<ISurveyShardGrain>(SurveyShards.KeyOf(enrollment.CohortId, enrollment.StudentId));

    private static NotFoundProblem NoSurvey(string kind) =>
        ApiProblems.NotFound($"Your cohort has no survey '{kind}'; GET /api/v1/surveys lists yours (pre, post, feedback).");
}
