using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Frontend.Surveys;

/// <summary>
/// Checks a cohort's survey settings: each survey names an instrument version and a window that closes after it opens, the
/// pre-survey opens before the cohort ends and closes no later than the post-survey opens, the post-survey closes after the
/// cohort starts, and neither reaches more than <see cref="Margin"/> beyond the cohort. The course feedback, like the post-survey,
/// closes after the start and no more than the margin after the end. Every field to fix is named.
/// </summary>
public static class SurveyScheduleValidator
{
    /// <summary>How far before the start and after the end of a cohort a survey may reach.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromDays(90);

    public static CohortSurveys? Validate(SurveySettingsRequest request, CohortInfo cohort, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(errors);
        var pre = Window(request.Pre, "pre", errors);
        var post = Window(request.Post, "post", errors);
        var feedback = Window(request.Feedback, "feedback", errors);
        var startsAt = cohort.Clock.StartsAt;
        // A paused cohort's end is unknown; its scenario length from the start is the soonest it can be.
        var endsAt = cohort.Clock.WallTimeAt(cohort.Duration) ?? startsAt + cohort.Duration / cohort.Clock.Speed;
        if (pre is not null)
        {
            if (pre.OpensAt >= endsAt)
            {
                Add(errors, "pre.opensAt", $"The pre-survey would open after the cohort ends ({endsAt:u}); open it around the start ({startsAt:u}).");
            }
            else if (pre.OpensAt < startsAt - Margin)
            {
                Add(errors, "pre.opensAt", $"Open the pre-survey at most {Margin.TotalDays:0} days before the cohort starts ({startsAt:u}).");
            }
        }

        if (post is not null)
        {
            if (post.ClosesAt <= startsAt)
            {
                Add(errors, "post.closesAt", $"The post-survey would close before the cohort starts ({startsAt:u}); close it near or after the end ({endsAt:u}).");
            }
            else if (post.ClosesAt > endsAt + Margin)
            {
                Add(errors, "post.closesAt", $"Close the post-survey at most {Margin.TotalDays:0} days after the cohort ends ({endsAt:u}).");
            }
        }

        if (pre is not null && post is not null && post.OpensAt < pre.ClosesAt)
        {
            Add(errors, "post.opensAt", $"The post-survey opens before the pre-survey closes ({pre.ClosesAt:u}); the pre-survey comes first.");
        }

        if (feedback is not null)
        {
            if (feedback.ClosesAt <= startsAt)
            {
                Add(errors, "feedback.closesAt", $"The course feedback would close before the cohort starts ({startsAt:u}); close it near or after the end ({endsAt:u}).");
            }
            else if (feedback.ClosesAt > endsAt + Margin)
            {
                Add(errors, "feedback.closesAt", $"Close the course feedback at most {Margin.TotalDays:0} days after the cohort ends ({endsAt:u}).");
            }
        }

        return errors.Count > 0 ? null : new CohortSurveys(pre, post, feedback);
    }

    private static SurveySchedule? Window(SurveyWindowRequest? window, string name, Dictionary<string, string[]> errors)
    {
        if (window is null)
        {
            return null;
        }

        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(window.InstrumentId))
        {
            Add(errors, $"{name}.instrumentId", "Name the instrument, like mlops-skills.");
        }

        if (window.Version is not >= 1)
        {
            Add(errors, $"{name}.version", "Give the instrument's version, a whole number from 1.");
        }

        if (window.OpensAt is null)
        {
            Add(errors, $"{name}.opensAt", "Give when the survey opens, as an ISO 8601 time.");
        }

        if (window.ClosesAt is null)
        {
            Add(errors, $"{name}.closesAt", "Give when the survey closes, as an ISO 8601 time.");
        }
        else if (window.OpensAt is { } opens && window.ClosesAt <= opens)
        {
            Add(errors, $"{name}.closesAt", "The survey must close after it opens.");
        }

        return errors.Count > before ? null
            : new SurveySchedule(window.InstrumentId!.Trim(), window.Version!.Value, window.OpensAt!.Value.ToUniversalTime(), window.ClosesAt!.Value.ToUniversalTime());
    }

    private static void Add(Dictionary<string, string[]> errors, string field, string message) => errors[field] = [message];
}
