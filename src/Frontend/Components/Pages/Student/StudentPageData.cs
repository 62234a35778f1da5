using System.Collections.Immutable;
using PPipe.Frontend.Students;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Grains.Interfaces.Rollouts;
using PPipe.Scenarios;

namespace PPipe.Frontend.Components.Pages.Student;

/// <summary>
/// Everything the student's page shows, read at one moment from the student's own enrollment. The models section is
/// shown when the cohort grades lineage or reproducibility (the grade lists it) or an answer or submission named a model
/// (<see cref="ShowsModels"/>); the deploys section when the cohort grades rollouts or a deploy was announced or seen
/// (<see cref="ShowsDeploys"/>).
/// </summary>
public sealed record StudentPageData(
    StudentView View,
    EnrollmentSnapshot Snapshot,
    IReadOnlyList<StudentBatch> Batches,
    ImmutableArray<ProbeResult> Probes,
    GradeReport Grade,
    LineageLog Models,
    DeployLog? Deploys = null)
{
    public bool ShowsModels => !Models.Versions.IsDefaultOrEmpty || Grade.Criteria.Any(c => c.Name == ScenarioNames.Of(Criterion.Lineage)) || ChecksReproducibility;

    /// <summary>Whether the cohort grades reproducibility: the models section then says how it is checked.</summary>
    public bool ChecksReproducibility => Grade.Criteria.Any(c => c.Name == ScenarioNames.Of(Criterion.Reproducibility));

    public bool ShowsDeploys => Deploys is not null
        && (!Deploys.Deploys.IsDefaultOrEmpty || Grade.Criteria.Any(c => c.Name == ScenarioNames.Of(Criterion.Rollout)));

    /// <summary>Probes shown on the chart and in the table.</summary>
    public const int ProbeWindow = 50;

    /// <summary>Reads the enrollment's page; null when the enrollment does not exist (any more).</summary>
    public static async Task<StudentPageData?> LoadAsync(EnrollmentKey enrollment, StudentContext students, IGrainFactory grains)
    {
        var grain = grains.GetGrain<IEnrollmentGrain>(enrollment.ToString());
        if (await grain.GetAsync() is not { } snapshot)
        {
            return null;
        }

        if (snapshot.CalendarSecret is null)
        {
            snapshot = snapshot with { CalendarSecret = (await grain.GetCalendarAsync()).Secret };
        }

        var view = await students.ResolveAsync(enrollment);
        var progress = await grain.GetBatchesAsync();
        var probes = await grain.GetProbesAsync(ProbeWindow);
        var grade = await grain.GetGradeAsync();
        var models = await grain.GetLineageAsync();
        var deploys = await grain.GetDeploysAsync();
        return new StudentPageData(view, snapshot, StudentBatch.ListOf(view, progress), probes, grade, models, deploys);
    }
}
