using System.Collections.Immutable;
using System.Globalization;
using PPipe.Frontend.Students;
using PPipe.Grains.Interfaces.Incidents;
using PPipe.Scenarios;

namespace PPipe.Frontend.Incidents;

/// <summary>
/// Turns a student's incident report into a <see cref="IncidentReport"/>, or says what is wrong with each field. Times
/// must fall between the scenario's start and the current scenario time (nothing can have been seen later). Feature
/// names are checked for size only: checking them against the data would tell which columns are still to come.
/// </summary>
public static class IncidentRequestValidator
{
    /// <summary>The kinds as the API spells them.</summary>
    public static readonly IReadOnlyDictionary<string, IncidentKind> Kinds = new Dictionary<string, IncidentKind>(StringComparer.Ordinal)
    {
        ["drift"] = IncidentKind.Drift,
        ["data-quality"] = IncidentKind.DataQuality,
        ["outage"] = IncidentKind.Outage,
        ["other"] = IncidentKind.Other,
    };

    public static (IncidentReport? Report, Dictionary<string, string[]> Errors) Validate(IncidentRequest request, StudentView view)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(view);
        var errors = new Dictionary<string, string[]>();
        var kind = IncidentKind.Other;
        if (request.Kind is null)
        {
            errors["kind"] = [$"Say what you saw: one of {string.Join(", ", Kinds.Keys)}."];
        }
        else if (!Kinds.TryGetValue(request.Kind, out kind))
        {
            errors["kind"] = [$"'{Cut(request.Kind)}' is not a kind of incident; the kinds are {string.Join(", ", Kinds.Keys)}."];
        }

        var features = ImmutableArray.CreateBuilder<string>();
        if (request.Features is { Count: > IncidentLimits.MaxFeatures })
        {
            errors["features"] = [$"Name at most {IncidentLimits.MaxFeatures} features, the ones the incident concerns."];
        }
        else
        {
            for (var i = 0; i < (request.Features?.Count ?? 0); i++)
            {
                var feature = request.Features![i]?.Trim();
                if (string.IsNullOrEmpty(feature) || feature.Length > IncidentLimits.MaxFeatureLength)
                {
                    errors[$"features[{i}]"] = [$"A feature is a column name of 1 to {IncidentLimits.MaxFeatureLength} characters."];
                }
                else
                {
                    features.Add(feature);
                }
            }
        }

        string? channel = null;
        if (request.Channel is not null)
        {
            if (ScenarioNames.TryParse<Channel>(request.Channel, out var known))
            {
                channel = ScenarioNames.Of(known);
            }
            else
            {
                errors["channel"] = [$"'{Cut(request.Channel)}' is not a channel; the channels are {ScenarioNames.All<Channel>()}."];
            }
        }

        var began = TimeSpan.Zero;
        if (request.BeganAt is not { } beganAt)
        {
            errors["beganAt"] = ["Say when it began, in scenario time (as row timestamps and clock.scenarioNow write it)."];
        }
        else if (BeganAtProblem(beganAt, view) is { } problem)
        {
            errors["beganAt"] = [problem];
        }
        else
        {
            began = beganAt - view.Cohort.Clock.StartsAt;
        }

        var summary = request.Summary?.Trim();
        if (string.IsNullOrEmpty(summary))
        {
            errors["summary"] = ["Say in a sentence or two what you saw and how you noticed it."];
        }
        else if (summary.Length > IncidentLimits.MaxSummaryLength)
        {
            errors["summary"] = [$"A summary is at most {IncidentLimits.MaxSummaryLength} characters; this one has {summary.Length}."];
        }

        return errors.Count > 0 ? (null, errors) : (new IncidentReport(kind, features.ToImmutable(), channel, began, summary!), errors);
    }

    /// <summary>A postmortem's text, or what is wrong with it.</summary>
    public static (string? Postmortem, string? Problem) ValidatePostmortem(PostmortemRequest? request)
    {
        var text = request?.Postmortem?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (null, "Say what happened, why, and what you changed so it does not happen again.");
        }

        return text.Length > IncidentLimits.MaxPostmortemLength
            ? (null, $"A postmortem is at most {IncidentLimits.MaxPostmortemLength} characters; this one has {text.Length}.")
            : (text, null);
    }

    private static string? BeganAtProblem(DateTimeOffset beganAt, StudentView view)
    {
        var start = view.Cohort.Clock.StartsAt;
        var end = start + view.Scenario.Duration;
        var now = view.ScenarioNow < end ? view.ScenarioNow : end;
        if (beganAt < start)
        {
            return $"{Iso(beganAt)} is before the scenario's start ({Iso(start)}).";
        }

        if (beganAt > end)
        {
            return $"{Iso(beganAt)} is after the scenario's end ({Iso(end)}).";
        }

        return beganAt > now
            ? $"{Iso(beganAt)} is after the current scenario time ({Iso(now)}): report what has begun."
            : null;
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Echoes at most 40 characters of what a student sent.</summary>
    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
