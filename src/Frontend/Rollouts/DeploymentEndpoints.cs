using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PPipe.Frontend.Api;
using PPipe.Frontend.Students;
using PPipe.Grains.Client.Releases;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Rollouts;

namespace PPipe.Frontend.Rollouts;

/// <summary>
/// The student's deploys: <c>POST /api/v1/deployments</c> announces one, <c>GET</c> lists them. The token decides whose
/// endpoint it is; nothing in an answer depends on what the scenario has in store.
/// </summary>
public static class DeploymentEndpoints
{
    public static RouteGroupBuilder MapDeploymentEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/deployments", AnnounceAsync)
            .WithMetadata(new RequestSizeLimitAttribute(DeploymentLimits.MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Announce a deploy")
            .WithDescription("Body {\"version\": \"v4\", \"expectedWithinMinutes\": 30, \"note\": \"blue-green\"}: the version your endpoint's " +
                "answers will name once the new model serves, how many scenario minutes the switch may take (0 to 1,440; default twice the " +
                "probe interval) and an optional note (at most 500 characters). Your endpoint is then probed four times as often until two " +
                "probe intervals after the version first answers, and the rollout criterion judges the deploy: failed probes and a dip in " +
                "quality against the answers before. 201 with the deploy followed; 200 with the same deploy when its version is announced " +
                "again (nothing changes). 422 naming each bad field; 403 when studentId names another student; 409 before the scenario " +
                "starts or after it ends, without a registered endpoint, or for the version already answering; 413 over 4 KiB.");
        api.MapGet("/deployments", ListAsync)
            .WithSummary("Your deploys")
            .WithDescription("The deploys of your endpoint, newest first (at most 32): announced ones and changes of the model version " +
                "your answers name, each with its window, the probes in it, the failed ones, the quality before and after, and once the " +
                "window is over its score.");
        return api;
    }

    private static async Task<Results<Created<DeploymentView>, Ok<DeploymentView>, InvalidProblem, ForbiddenProblem, ConflictProblem>> AnnounceAsync(
        DeploymentRequest? request, HttpContext http, StudentContext students, IGrainFactory grains)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(http.User);
        if (request is null)
        {
            return ApiProblems.Invalid("The deploy announcement is not valid.", "body", "Send {\"version\", \"expectedWithinMinutes\", \"note\"} as JSON.");
        }

        if (request.StudentId is { } studentId && !string.Equals(studentId, enrollment.StudentId, StringComparison.Ordinal))
        {
            return ApiProblems.Forbidden("Not your endpoint.", "studentId",
                "You can announce deploys of your own endpoint only: leave studentId out, or give your own (GET /api/v1/me).");
        }

        var view = await students.ResolveAsync(enrollment);
        var (announcement, errors) = DeploymentRequestValidator.Validate(request, view);
        if (announcement is null)
        {
            return ApiProblems.Invalid("The deploy announcement is not valid.", $"{errors.Count} field(s) need fixing; nothing was announced.", errors);
        }

        var filing = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).AnnounceDeployAsync(announcement);
        var startsAt = view.Cohort.Clock.StartsAt;
        return filing.Status switch
        {
            DeployFilingStatus.Accepted => TypedResults.Created(ApiRoutes.Deployments, DeploymentView.Of(filing.Deploy!, startsAt)),
            DeployFilingStatus.Repeated => TypedResults.Ok(DeploymentView.Of(filing.Deploy!, startsAt)),
            DeployFilingStatus.OutsideScenario => ApiProblems.Conflict("The scenario is not running.", filing.Detail),
            DeployFilingStatus.NoEndpoint => ApiProblems.Conflict("No endpoint to deploy to.", filing.Detail),
            _ => ApiProblems.Conflict("That version already answers.", filing.Detail),
        };
    }

    private static async Task<Ok<DeploymentsResponse>> ListAsync(ClaimsPrincipal user, StudentContext students, IGrainFactory grains)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var view = await students.ResolveAsync(enrollment);
        var log = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).GetDeploysAsync();
        var startsAt = view.Cohort.Clock.StartsAt;
        return TypedResults.Ok(new DeploymentsResponse([.. log.Deploys.Reverse().Select(d => DeploymentView.Of(d, startsAt))], log.Folded));
    }
}
