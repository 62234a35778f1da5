using System.Globalization;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Grains.Surveys;

internal sealed class CohortSurveysGrain(
    [PersistentState("cohortSurveys", StorageNames.Default)] IPersistentState<CohortSurveysState> state,
    TimeProvider time) : Grain, ICohortSurveysGrain
{
    public Task<CohortSurveys> GetAsync() => Task.FromResult(Current);

    public async Task<SurveyScheduleResult> SetAsync(CohortSurveys surveys)
    {
        ArgumentNullException.ThrowIfNull(surveys);
        var now = time.GetUtcNow();
        foreach (var kind in (SurveyKind[])[SurveyKind.Pre, SurveyKind.Post, SurveyKind.Feedback])
        {
            if (Current.Of(kind) is { } old && old != surveys.Of(kind) && now >= old.OpensAt)
            {
                return new SurveyScheduleResult(Current, kind,
                    $"The {(kind switch { SurveyKind.Pre => "pre-survey", SurveyKind.Post => "post-survey", _ => "course feedback" })} opened at {old.OpensAt.ToString("u", CultureInfo.InvariantCulture)} " +
                    "and students may have answered it, so it can no longer change or be removed.");
            }
        }

        if (surveys == Current)
        {
            return new SurveyScheduleResult(Current, null, null);
        }

        state.State.Pre = surveys.Pre;
        state.State.Post = surveys.Post;
        state.State.Feedback = surveys.Feedback;
        await this.WriteOrDeactivateAsync(state);
        return new SurveyScheduleResult(Current, null, null);
    }

    private CohortSurveys Current => new(state.State.Pre, state.State.Post, state.State.Feedback);
}
