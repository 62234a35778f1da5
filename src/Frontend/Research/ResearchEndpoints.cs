using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PPipe.Frontend.Api;
using PPipe.Grains.Client.Research;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Research;

namespace PPipe.Frontend.Research;

/// <summary>
/// The research export of a cohort (a zip streamed as it is written) and the cohort's staff, who decide which instructor accounts
/// may export it. The instructor API key and admin accounts may export any cohort; an instructor account only the cohorts whose
/// staff lists it.
/// </summary>
public static class ResearchEndpoints
{
    public const string ZipContentType = "application/zip";

    public static RouteGroupBuilder MapResearchEndpoints(this RouteGroupBuilder admin)
    {
        var cohorts = admin.MapGroup("/cohorts");
        cohorts.MapGet("/{id}/research-export", AdminExportAsync)
            .Produces<Stream>(StatusCodes.Status200OK, ZipContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Research export")
            .WithDescription("A zip of the survey answers, grades and daily activity of the students who consent to research now (removed " +
                "students left out), each under a pseudonym of the study (format csv or parquet, default csv; study: a name shared by " +
                "cohorts whose students should keep one pseudonym, default the cohort's own), with the scenario spec and a data " +
                "dictionary. Streamed while it is written.");
        cohorts.MapGet("/{id}/staff", StaffAsync)
            .WithSummary("A cohort's staff")
            .WithDescription("The user names of the instructor accounts that teach the cohort and may export its research data.");
        cohorts.MapPut("/{id}/staff", SetStaffAsync)
            .WithSummary("Set a cohort's staff")
            .WithDescription($"Body {{\"staff\": [\"user name\", ...]}}: at most {ICohortStaffGrain.MaxStaff} existing UI accounts. 422 names " +
                "each unknown account (staff[i]); nothing changes.");
        return admin;
    }

    /// <summary>The export for the instructor API key: any cohort.</summary>
    public static Task AdminExportAsync(string id, string? format, string? study, HttpContext http, IGrainFactory grains, ResearchExport export) =>
        ExportAsync(id, format, study, http, grains, export, mayExport: () => Task.FromResult(true));

    /// <summary>The export for a signed-in UI account: admins any cohort, instructors the cohorts whose staff lists them.</summary>
    public static Task UiExportAsync(string id, string? format, string? study, HttpContext http, IGrainFactory grains, ResearchExport export) =>
        ExportAsync(id, format, study, http, grains, export, mayExport: () => MayExportAsync(http.User, id, grains));

    /// <summary>Whether a signed-in account may export the cohort's research data.</summary>
    public static async Task<bool> MayExportAsync(ClaimsPrincipal user, string cohortId, IGrainFactory grains) =>
        user.IsInRole(AccountRoles.Admin)
        || (user.IsInRole(AccountRoles.Instructor) && user.Identity?.Name is { } name
            && (await grains.GetGrain<ICohortStaffGrain>(cohortId).GetAsync()).Contains(IAccountGrain.Normalize(name)));

    private static async Task ExportAsync(string id, string? format, string? study, HttpContext http, IGrainFactory grains, ResearchExport export,
        Func<Task<bool>> mayExport)
    {
        // Every check comes before the study's secret is made or a byte is sent: a refused export stores nothing.
        var (request, field, problem) = ResearchExportRequest.Read(format, study);
        if (request is null)
        {
            await ApiProblems.BadRequest("The export request is not valid.", field!, problem!).ExecuteAsync(http);
            return;
        }

        if (await grains.GetGrain<ICohortGrain>(id).GetAsync() is not { } cohort)
        {
            await ApiProblems.NotFound($"There is no cohort '{id}'.").ExecuteAsync(http);
            return;
        }

        if (!await mayExport())
        {
            await ApiProblems.Forbidden("You do not teach this cohort.", "cohort",
                $"Your account is not on the staff of cohort '{id}'; an admin can add it on the cohort's Surveys page.").ExecuteAsync(http);
            return;
        }

        var pseudonyms = await export.PseudonymsAsync(id, request.Study);
        http.Response.ContentType = ZipContentType;
        http.Response.Headers.ContentDisposition =
            $"attachment; filename=\"{id}-research-{request.Study ?? "cohort"}-{request.Format.ToString().ToLowerInvariant()}.zip\"";
        await export.WriteAsync(cohort, pseudonyms, request.Format, http.Response.Body, http.RequestAborted);
    }

    private static async Task<Results<Ok<CohortStaffView>, NotFoundProblem>> StaffAsync(string id, IGrainFactory grains)
    {
        if (await grains.GetGrain<ICohortGrain>(id).GetAsync() is null)
        {
            return ApiProblems.NotFound($"There is no cohort '{id}'.");
        }

        return TypedResults.Ok(new CohortStaffView(id, await grains.GetGrain<ICohortStaffGrain>(id).GetAsync()));
    }

    private static async Task<Results<Ok<CohortStaffView>, NotFoundProblem, InvalidProblem>> SetStaffAsync(string id, CohortStaffRequest? body,
        IGrainFactory grains)
    {
        if (await grains.GetGrain<ICohortGrain>(id).GetAsync() is null)
        {
            return ApiProblems.NotFound($"There is no cohort '{id}'.");
        }

        var (staff, errors) = await CheckStaffAsync(body?.Staff, grains);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid("The staff list is not valid.", "Some entries of the staff list cannot be used; nothing changed.", errors);
        }

        return TypedResults.Ok(new CohortStaffView(id, await grains.GetGrain<ICohortStaffGrain>(id).SetAsync(staff)));
    }

    /// <summary>The normalized staff list, or what is wrong with each entry (by <c>staff[i]</c>).</summary>
    public static async Task<(ImmutableArray<string> Staff, Dictionary<string, string[]> Errors)> CheckStaffAsync(IReadOnlyList<string>? names, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        if (names is null)
        {
            errors["staff"] = ["staff is required: a list of user names (empty to list no one)."];
            return ([], errors);
        }

        if (names.Count > ICohortStaffGrain.MaxStaff)
        {
            errors["staff"] = [$"A cohort lists at most {ICohortStaffGrain.MaxStaff} accounts, not {names.Count}."];
            return ([], errors);
        }

        var normalized = new List<string>(names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (string.IsNullOrWhiteSpace(name) || await grains.GetGrain<IAccountGrain>(IAccountGrain.Normalize(name)).GetAsync() is null)
            {
                errors[$"staff[{i}]"] = [$"There is no account '{name}'; create it on the Accounts page first."];
                continue;
            }

            normalized.Add(IAccountGrain.Normalize(name));
        }

        return ([.. normalized.Distinct(StringComparer.Ordinal)], errors);
    }
}
