using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PPipe.Frontend.Api;
using PPipe.Grains.Client.Operations;
using PPipe.Grains.Interfaces.Diagnostics;
using PPipe.Hosting;

namespace PPipe.Frontend.Cluster;

/// <summary>
/// Operator routes under <c>/api/v1/admin/cluster</c>: which silos are up, and cluster checks that
/// prove grain state and reminders work in this deployment.
/// </summary>
public static partial class ClusterEndpoints
{
    public static RouteGroupBuilder MapClusterEndpoints(this RouteGroupBuilder admin)
    {
        var cluster = admin.MapGroup("/cluster");
        cluster.MapGet("/", GetClusterAsync)
            .WithSummary("The cluster")
            .WithDescription("Storage, cluster and service ids, and the silos that are up.");
        cluster.MapGet("/operations", GetOperationsAsync)
            .WithSummary("What the silos are doing")
            .WithDescription("Per active silo: membership status, activations by grain type, and its recent reports (every 10 s): enrollments active, " +
                "wakes and their lateness, fetches, submissions, probes, webhook deliveries, storage failures, working set and CPU.");
        cluster.MapPut("/checks/{name}", StartCheckAsync)
            .WithSummary("Start a cluster check")
            .WithDescription("Body {\"periodSeconds\": n}: a grain that writes its state and ticks a reminder every period, proving both work here.");
        cluster.MapGet("/checks/{name}", GetCheckAsync)
            .WithSummary("A cluster check's status");
        cluster.MapDelete("/checks/{name}", StopCheckAsync)
            .WithSummary("Stop a cluster check");
        return admin;
    }

    private static async Task<Ok<ClusterView>> GetClusterAsync(IGrainFactory grains, IOptions<PPipeOrleansOptions> options)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var silos = hosts.Select(h => new SiloView(h.Key.ToParsableString(), h.Value.ToString())).OrderBy(s => s.Address).ToList();
        return TypedResults.Ok(new ClusterView(options.Value.Storage.ToString(), options.Value.ClusterId, options.Value.ServiceId, silos));
    }

    private static async Task<Ok<ClusterOperationsView>> GetOperationsAsync(ClusterOperations operations) =>
        TypedResults.Ok(await operations.ReadAsync());

    private static async Task<Results<Ok<ClusterCheckStatus>, ValidationProblem>> StartCheckAsync(string name, StartCheckRequest? request, IGrainFactory grains,
        IOptions<ReminderOptions> reminders)
    {
        if (InvalidName(name) is { } nameProblem)
        {
            return nameProblem;
        }

        var minimum = reminders.Value.MinimumReminderPeriod;
        if (request is null || request.PeriodSeconds is not > 0 || TimeSpan.FromSeconds(request.PeriodSeconds.Value) < minimum)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]>
                {
                    ["periodSeconds"] = [$"Give a period in seconds of at least {minimum.TotalSeconds:0.###} (the cluster's minimum reminder period)."],
                },
                title: "The cluster check request is not valid.");
        }

        var status = await grains.GetGrain<IClusterCheckGrain>(name).StartAsync(TimeSpan.FromSeconds(request.PeriodSeconds.Value));
        return TypedResults.Ok(status);
    }

    private static async Task<Results<Ok<ClusterCheckStatus>, ValidationProblem, NotFoundProblem>> GetCheckAsync(string name, IGrainFactory grains)
    {
        if (InvalidName(name) is { } nameProblem)
        {
            return nameProblem;
        }

        var status = await grains.GetGrain<IClusterCheckGrain>(name).GetAsync();
        return status.StartedAt is null
            ? new NotFoundProblem(TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such cluster check.",
                detail: $"No cluster check named '{name}' was ever started. Start one with PUT /api/v1/admin/cluster/checks/{name}."))
            : TypedResults.Ok(status);
    }

    private static async Task<Results<Ok<ClusterCheckStatus>, ValidationProblem>> StopCheckAsync(string name, IGrainFactory grains)
    {
        if (InvalidName(name) is { } nameProblem)
        {
            return nameProblem;
        }

        return TypedResults.Ok(await grains.GetGrain<IClusterCheckGrain>(name).StopAsync());
    }

    private static ValidationProblem? InvalidName(string name) =>
        CheckName().IsMatch(name)
            ? null
            : TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["name"] = ["Use 1 to 64 lower-case letters, digits and dashes."] },
                title: "The cluster check name is not valid.");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex CheckName();

    public sealed record StartCheckRequest(double? PeriodSeconds);

    public sealed record SiloView(string Address, string Status);

    public sealed record ClusterView(string Storage, string ClusterId, string ServiceId, IReadOnlyList<SiloView> Silos);
}
