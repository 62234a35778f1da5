using PPipe.Grains.Client.Surveys;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Frontend.Surveys;

/// <summary>
/// Changes a cohort's surveys for the admin API and the cohort's surveys page alike: checks every field (windows, instrument
/// versions), then asks the cohort's survey grain, which refuses to change a survey that has opened.
/// </summary>
public static class SurveySettingsChange
{
    /// <summary>What became of a change: the surveys as stored, or every field to fix, or the survey that opened already.</summary>
    public sealed record Outcome(CohortSurveys? Surveys, Dictionary<string, string[]> Errors, SurveyKind? Refused, string? Detail);

    public static async Task<Outcome> ApplyAsync(CohortInfo cohort, SurveySettingsRequest request, IGrainFactory grains, SurveyInstrumentCatalog instruments)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(instruments);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var surveys = SurveyScheduleValidator.Validate(request, cohort, errors);
        foreach (var (name, schedule) in new[] { ("pre", surveys?.Pre), ("post", surveys?.Post), ("feedback", surveys?.Feedback) })
        {
            if (schedule is not null && await instruments.FindAsync(schedule.InstrumentId, schedule.Version) is null)
            {
                errors[$"{name}.version"] = [$"There is no version {schedule.Version} of survey instrument '{schedule.InstrumentId}'; " +
                    "GET /api/v1/admin/surveys/instruments lists them."];
            }
        }

        if (surveys is null || errors.Count > 0)
        {
            return new Outcome(null, errors, null, null);
        }

        var result = await grains.GetGrain<ICohortSurveysGrain>(cohort.Id).SetAsync(surveys);
        return new Outcome(result.Surveys, errors, result.Refused, result.Detail);
    }
}
