using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Roster;

/// <summary>
/// The page's progress side: reports from its enrollments taken in memory and written coalesced, the monitor's changes
/// since a version, and the page's summary and leaderboard candidates, all answered from the page alone.
/// </summary>
internal sealed partial class RosterPageGrain
{
    /// <summary>Asks every enrolled student of the page to report its progress again, one way: the page waits on no enrollment.</summary>
    private void AskStudentsToReport()
    {
        var cohortId = CohortId;
        foreach (var student in state.State.Students.Where(s => !s.IsRemoved))
        {
            _ = GrainFactory.GetGrain<IEnrollmentGrain>(new EnrollmentKey(cohortId, student.StudentId).ToString()).ReportProgressAsync();
        }
    }

    public Task ReportAsync(StudentProgress report)
    {
        // A student not on the page (yet, or any more after a failed enrollment), or removed, has nothing to count.
        if (_positions.TryGetValue(report.StudentId, out var index) && !state.State.Students[index].IsRemoved
            && !(progress.State.Students.TryGetValue(report.StudentId, out var known) && Same(known, report)))
        {
            progress.State.Students[report.StudentId] = report;
            _changedAt[report.StudentId] = ++_version;
            _dirty = true;
        }

        return Task.CompletedTask;
    }

    public Task<RosterChanges> ChangesAsync(Guid epoch, long version)
    {
        var complete = epoch != _epoch;
        var rows = ImmutableArray.CreateBuilder<StudentStanding>();
        foreach (var student in state.State.Students)
        {
            if (complete || _changedAt.GetValueOrDefault(student.StudentId) > version)
            {
                rows.Add(new StudentStanding(student.StudentId, student.Name, student.Email, student.EnrolledAt, ProgressOf(student.StudentId),
                    student.RemovedAt));
            }
        }

        return Task.FromResult(new RosterChanges(_epoch, _version, complete, rows.ToImmutable()));
    }

    public Task<PageSummary> SummarizeAsync(int latestRelease)
    {
        int fetchedLatest = 0, fetchedAny = 0, registered = 0, up = 0, onTime = 0, due = 0;
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        var ranked = new List<(StudentProgress Progress, string Name)>();
        var enrolled = 0;
        foreach (var entry in state.State.Students.Where(s => !s.IsRemoved))
        {
            enrolled++;
            var student = ProgressOf(entry.StudentId);
            fetchedAny += student.FetchedReleases.IsDefaultOrEmpty ? 0 : 1;
            fetchedLatest += latestRelease > 0 && student.FetchedReleases.Contains(latestRelease) ? 1 : 0;
            registered += student.EndpointUp is null ? 0 : 1;
            up += student.EndpointUp == true ? 1 : 0;
            onTime += student.OnTimeBatches;
            due += student.DueBatches;
            var level = student.Level ?? RosterPages.Ungraded;
            levels[level] = levels.GetValueOrDefault(level) + 1;
            if (IsRanked(student))
            {
                ranked.Add((student, entry.Name));
            }
        }

        var top = ranked
            .OrderByDescending(s => s.Progress.OverallScore).ThenBy(s => s.Progress.StudentId, StringComparer.Ordinal)
            .Take(RosterPages.LeaderboardSize)
            .Select(s => new LeaderboardEntry(s.Progress.StudentId, s.Name, s.Progress.OverallScore!.Value, s.Progress.Level!))
            .ToImmutableArray();
        return Task.FromResult(new PageSummary(enrolled, fetchedLatest, fetchedAny, registered, up, onTime, due,
            levels.ToImmutableDictionary(StringComparer.Ordinal), top));
    }

    private StudentProgress ProgressOf(string studentId) =>
        progress.State.Students.GetValueOrDefault(studentId) ?? new StudentProgress(studentId, []);

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            _dirty = false;
            await this.WriteOrDeactivateAsync(progress);
        }
    }

    private static bool Same(StudentProgress a, StudentProgress b) =>
        a with { FetchedReleases = b.FetchedReleases, CriterionScores = b.CriterionScores } == b
        && a.FetchedReleases.AsSpan().SequenceEqual(b.FetchedReleases.AsSpan())
        && a.CriterionScores.AsSpan().SequenceEqual(b.CriterionScores.AsSpan());

    /// <summary>Only a passing grade is ranked: a leaderboard must never publish who is failing.</summary>
    private static bool IsRanked(StudentProgress student) =>
        student.OverallScore is { } score && double.IsFinite(score) && student.Level is { } level && level != "NotYetProficient";
}
