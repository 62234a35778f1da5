using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Scenarios;
using PPipe.Scenarios.Assessment;

namespace PPipe.Grains.Enrollments;

/// <summary>
/// The calls of a copy check for one enrollment (<see cref="CopyCheck"/> decides): registers a scored batch's counted
/// predictions in the cohort's sharded signature index, verifies the students who share many signatures against their
/// stored predictions, and tells the cohort and the other student of a copy found.
/// </summary>
internal sealed class CopyInvestigation(IGrainFactory grains, EnrollmentKey enrollment)
{
    /// <summary>The copies of <paramref name="mine"/> (batch <paramref name="seq"/>) among the students already indexed.</summary>
    public async Task<List<CopyFlag>> FindAsync(ScenarioTask task, int seq, BatchPredictions mine, DateTimeOffset now)
    {
        var shards = CopyCheck.ShardsOf(task, mine).Select(shard => grains
            .GetGrain<ICopyIndexGrain>(CopyCheck.ShardKey(enrollment.CohortId, seq, shard.Key)).RegisterAsync(enrollment.StudentId, shard.Value));
        List<CopyFlag> flags = [];
        foreach (var other in CopyCheck.Candidates(await Task.WhenAll(shards)))
        {
            var theirs = await grains.GetGrain<IBatchSubmissionGrain>($"{enrollment with { StudentId = other }}/{seq}").GetCountedAsync();
            if (theirs is not null && CopyCheck.Suspicion(task, mine, theirs.Predictions) is { } agreement)
            {
                flags.Add(new CopyFlag(seq, enrollment.StudentId, other, agreement, now));
            }
        }

        return flags;
    }

    /// <summary>Records <paramref name="flag"/> with the cohort and, one way, with the other student.</summary>
    public async Task ShareAsync(CopyFlag flag)
    {
        await grains.GetGrain<ICohortFlagsGrain>(enrollment.CohortId).FlagAsync(flag);
        // Not awaited: the other enrollment may be checking us at this moment, and two awaited calls would wait on each other.
        grains.GetGrain<IEnrollmentGrain>((enrollment with { StudentId = flag.OtherStudentId }).ToString())
            .RecordCopyFlagAsync(flag with { StudentId = flag.OtherStudentId, OtherStudentId = enrollment.StudentId }).Ignore();
    }
}
