using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Scenarios;
using PPipe.Scenarios.Spec;
using PPipe.Grains.Client.Scenarios;

namespace PPipe.Frontend.Cohorts;

/// <summary>
/// Checks a request to open a cohort, for the admin API and the instructors' page alike, so both refuse the same
/// input with the same words. Errors are keyed by the API's field names (<c>name</c>, <c>late.cutoff</c>...).
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

        if (errors.Count > 0)
        {
            return new Result(errors, null, TimeSpan.Zero);
        }

        var definition = new CohortDefinition(request.Name!.Trim(), request.ScenarioId!, request.Version ?? 1, request.StartsAt!.Value,
            request.Speed!.Value, late);
        return new Result(errors, definition, scenario!.Duration);
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
