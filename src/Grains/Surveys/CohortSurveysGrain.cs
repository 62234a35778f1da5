using System.Globalization;
using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Grains.Surveys;

/// <summary>
/// A cohort's surveys (see <see cref="ICohortSurveysGrain"/>). It passes each accepted change on to the cohort's
/// notifications grain, which schedules the surveys' notices from it and never calls back.
/// </summary>
internal sealed class CohortSurveysGrain(
    [PersistentState("cohortSurveys", StorageNames.Default)] IPersistentState<CohortSurveysState> state,
    TimeProvider time) : Grain, ICohortSurveysGrain
{
    public Task<CohortSurveys> GetAsync() => Task.FromResult(Current);

    public async Task<SurveyScheduleResult> SetAsync(CohortSurveys surveys)
    {
        ArgumentNullException.ThrowIfNull(surveys);
        var now = time.GetUtcNow();
        foreach (var kind in SurveyKindNames.All)
        {
            if (Current.Of(kind) is { } old && old != surveys.Of(kind) && now >= old.OpensAt)
            {
                return new SurveyScheduleResult(Current, kind,
                    $"The {SurveyKindNames.Title(kind)} opened at {old.OpensAt.ToString("u", CultureInfo.InvariantCulture)} " +
                    "and students may have answered it, so it can no longer change or be removed.");
            }
        }

        if (surveys != Current)
        {
            state.State.Pre = surveys.Pre;
            state.State.Post = surveys.Post;
            state.State.Feedback = surveys.Feedback;
            await this.WriteOrDeactivateAsync(state);
        }

        // Passed on even when nothing changed, so that saving again mends a hand-over lost with a silo.
        await GrainFactory.GetGrain<ICohortNotificationsGrain>(this.GetPrimaryKeyString()).ScheduleSurveysAsync(Current);
        return new SurveyScheduleResult(Current, null, null);
    }

    private CohortSurveys Current => new(state.State.Pre, state.State.Post, state.State.Feedback);
}
