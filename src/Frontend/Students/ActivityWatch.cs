using PPipe.Frontend.Assessment;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Frontend.Students;

/// <summary>
/// What an event stream tells a student about their own enrollment: batches scored, probes failed, the
/// grade changing. It remembers what it has seen and asks the enrollment for the grade only when a score
/// or a probe arrived, so an idle stream costs two cheap grain calls per refresh.
/// </summary>
public sealed class ActivityWatch(IEnrollmentGrain enrollment)
{
    private readonly HashSet<int> _scored = [];
    private DateTimeOffset _lastProbeAt;
    private (double? Score, string? Level) _grade;

    /// <summary>Takes note of what exists already, so only what happens from now on is announced.</summary>
    public async Task StartAsync()
    {
        foreach (var batch in await enrollment.GetBatchesAsync())
        {
            if (batch.Scored)
            {
                _scored.Add(batch.Seq);
            }
        }

        _lastProbeAt = (await enrollment.GetProbesAsync(1)) is [var last] ? last.At : DateTimeOffset.MinValue;
        var grade = await enrollment.GetGradeAsync();
        _grade = (grade.OverallScore, grade.OverallLevel);
    }

    /// <summary>The events since the last call, as (name, id, data).</summary>
    public async Task<List<(string Name, string Id, object Data)>> NewEventsAsync()
    {
        var events = new List<(string, string, object)>();
        foreach (var batch in await enrollment.GetBatchesAsync())
        {
            if (batch.Scored && _scored.Add(batch.Seq))
            {
                events.Add(("batch-scored", $"batch-scored-{batch.Seq}", new BatchScoredEvent(batch.Seq, batch.Score, batch.Relative, batch.Late, batch.Submissions)));
            }
        }

        var probes = await enrollment.GetProbesAsync(ProbeLedgerWindow);
        var fresh = probes.Where(p => p.At > _lastProbeAt).OrderBy(p => p.At).ToList();
        foreach (var probe in fresh)
        {
            if (!probe.Ok)
            {
                events.Add(("probe-failed", $"probe-{probe.Slot}-{probe.Attempt}", ProbeView.Of(probe)));
            }
        }

        if (fresh.Count > 0)
        {
            _lastProbeAt = fresh[^1].At;
        }

        if (events.Count > 0 || fresh.Count > 0)
        {
            var grade = await enrollment.GetGradeAsync();
            if ((grade.OverallScore, grade.OverallLevel) != _grade)
            {
                _grade = (grade.OverallScore, grade.OverallLevel);
                events.Add(("grade-changed", $"grade-{grade.AsOf.ToUnixTimeMilliseconds()}", new GradeChangedEvent(GradeResponse.OverallOf(grade), grade.AsOf)));
            }
        }

        return events;
    }

    /// <summary>Probes read per refresh: more than a refresh can bring at any probe rate the scenarios allow.</summary>
    private const int ProbeLedgerWindow = 20;
}
