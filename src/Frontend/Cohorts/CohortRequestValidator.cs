using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Scenarios;
using PPipe.Scenarios.Spec;
using PPipe.Grains.Client.Scenarios;

namespace PPipe.Frontend.Cohorts;

/// <summary>
/// Checks a request to open a cohort, for the admin API and the instructors' page alike, so both refuse the same
/// input with the same words. Errors are keyed by the API's field names (<c>name</c>, <c>late.cutoff</c>,
/// <c>grading.weights.punctuality</c>...).
/// </summary>
public static class CohortRequestValidator
{
    public const double MaxSpeed = 100_000;
    public const int MaxNameLength = 200;

    /// <summary>The outcome: field errors, or (when there are none) the definition and its scenario's duration.</summary>
    public sealed record Result(IReadOnlyDictionary<string, string[]> Errors, CohortDefinition? Definition, TimeSpan ScenarioDuration)
    {
        public bool IsValid => Errors.Count == 0 && Definition is not null;
    }

    public static async Task<Result> ValidateAsync(CreateCohortRequest request, ScenarioCatalog scenarios,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxNameLength)
        {
            errors["name"] = [$"Give the cohort a name of 1 to {MaxNameLength} characters."];
        }

        if (request.StartsAt is null)
        {
            errors["startsAt"] = ["Give the start as an ISO 8601 time, e.g. 2026-12-01T09:00:00Z."];
        }

        if (request.Speed is not { } speed || !double.IsFinite(speed) || speed <= 0 || speed > MaxSpeed)
        {
            errors["speed"] = [$"Give a speed above 0 and at most {MaxSpeed:0}: 1 runs in real time, 1440 runs a day per minute."];
        }

        var late = ReadLate(request.Late, errors);
        var scenario = string.IsNullOrWhiteSpace(request.ScenarioId)
            ? null
            : await scenarios.FindAsync(request.ScenarioId, request.Version ?? 1, cancellationToken);
        if (scenario is null)
        {
            errors["scenarioId"] = [string.IsNullOrWhiteSpace(request.ScenarioId)
                ? "Name the scenario (a template id such as 'taxi-fares', or the id of an uploaded scenario)."
                : $"There is no scenario '{request.ScenarioId}' with version {request.Version ?? 1}."];
        }

        var grading = ReadGrading(request.Grading, scenario?.Grading, "grading.", errors);
        if (errors.Count > 0)
        {
            return new Result(errors, null, TimeSpan.Zero);
        }

        var definition = new CohortDefinition(request.Name!.Trim(), request.ScenarioId!, request.Version ?? 1, request.StartsAt!.Value,
            request.Speed!.Value, late, grading);
        return new Result(errors, definition, scenario!.Duration);
    }

    /// <summary>
    /// A cohort's own grading, checked against its scenario's rubric (null when the scenario is unknown: then only what can be
    /// checked without it). Errors go into <paramref name="errors"/> under <paramref name="prefix"/> (<c>grading.</c> when opening a
    /// cohort, nothing for the body of <c>PUT .../grading</c>). Null when nothing of the cohort's own is asked for: no grading, or
    /// the weighted mean with the scenario's weights.
    /// </summary>
    public static CohortGrading? ReadGrading(GradingRequest? grading, Rubric? rubric, string prefix, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (grading is null)
        {
            return null;
        }

        var known = errors.Count;
        var policy = GradingPolicy.WeightedMean;
        if (grading.Policy is not null && !CourseGrading.Policies.TryGetValue(grading.Policy, out policy))
        {
            errors[prefix + "policy"] = [$"Give the grading policy as {string.Join(" or ", CourseGrading.Policies.Keys)}."];
        }

        var criteria = Enum.GetValues<Criterion>().Length;
        var weights = new Dictionary<Criterion, double>();
        if (grading.Weights is { } given && given.Count > criteria)
        {
            errors[prefix + "weights"] = [$"Give at most {criteria} weights, one for each criterion of the scenario you weigh anew."];
            return null;
        }

        foreach (var (name, weight) in grading.Weights ?? new Dictionary<string, double>())
        {
            var field = $"{prefix}weights.{name}";
            if (!ScenarioNames.TryParse<Criterion>(name, out var criterion))
            {
                errors[field] = [$"There is no such criterion; the criteria are {ScenarioNames.All<Criterion>()}."];
            }
            else if (rubric is not null && rubric.WeightOf(criterion) <= 0)
            {
                errors[field] = [$"The scenario does not assess {name}, and a cohort cannot add a criterion; it can weigh " +
                    $"{string.Join(", ", rubric.Criteria.Select(c => ScenarioNames.Of(c.Criterion)))}."];
            }
            else if (!double.IsFinite(weight) || weight < 0)
            {
                errors[field] = ["Give a finite weight of 0 or more: 0 switches the criterion off for this cohort."];
            }
            else
            {
                weights[criterion] = weight;
            }
        }

        if (errors.Count == known && rubric is not null && weights.Count > 0 && rubric.WithWeights(weights) is null)
        {
            errors[prefix + "weights"] = ["These weights switch off every criterion; at least one must keep a positive weight."];
        }

        return errors.Count > known || (policy == GradingPolicy.WeightedMean && weights.Count == 0)
            ? null
            : new CohortGrading(CourseGrading.NameOf(policy), weights.ToImmutableDictionary(w => ScenarioNames.Of(w.Key), w => w.Value));
    }

    private static CohortLatePolicy? ReadLate(LateRequest? late, Dictionary<string, string[]> errors)
    {
        if (late is null)
        {
            return null;
        }

        if (late.Policy is not { } policy)
        {
            errors["late.policy"] = ["Give the late policy as accept, reject or penalty."];
            return null;
        }

        var penalty = late.Penalty ?? 0;
        if (policy == LatePolicyKind.Penalty ? !(penalty > 0 && penalty <= 1) : late.Penalty is not null and not 0)
        {
            errors["late.penalty"] = [policy == LatePolicyKind.Penalty
                ? "Give the penalty as the fraction of a batch score lost, above 0 and at most 1 (0.25 = a quarter)."
                : "A penalty only applies with the penalty policy."];
            return null;
        }

        TimeSpan? cutoff = null;
        if (late.Cutoff is not null)
        {
            if (policy == LatePolicyKind.Reject || !ScenarioDuration.TryParse(late.Cutoff, out var parsed) || parsed <= TimeSpan.Zero)
            {
                errors["late.cutoff"] = [policy == LatePolicyKind.Reject
                    ? "The reject policy takes no late work, so it has no cutoff."
                    : "Give the cutoff as a scenario duration after the due time, such as 12h or 2d."];
                return null;
            }

            cutoff = parsed;
        }

        // The grains hold the policy as its API spelling (accept, reject, penalty).
        return new CohortLatePolicy(ScenarioNames.Of(policy), penalty, cutoff);
    }
}
