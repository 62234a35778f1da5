using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Credentials;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Roster;

internal sealed class RosterPageGrain(
    [PersistentState("roster-page", StorageNames.Default)] IPersistentState<RosterPageState> state,
    TimeProvider time) : Grain, IRosterPageGrain
{
    /// <summary>Enrollment grains created at once by one page; pages themselves run in parallel.</summary>
    private const int Parallelism = 16;

    private HashSet<string>? _ids;

    // Live progress is derived data: kept in memory only, rebuilt from the enrollments after activation.
    private Dictionary<string, StudentProgress>? _progress;
    private List<StudentProgress>? _reportedWhileLoading;

    // Monitors read changes by version; versions only compare within this activation.
    private readonly Guid _epoch = Guid.NewGuid();
    private long _version;
    private readonly Dictionary<string, long> _changedAt = new(StringComparer.Ordinal);

    public async Task<ImmutableArray<EnrollmentOutcome>> EnrollAsync(CohortInfo cohort, ImmutableArray<NumberedRosterRow> rows)
    {
        _ids ??= state.State.Students.Select(s => s.StudentId).ToHashSet(StringComparer.Ordinal);
        var outcomes = new EnrollmentOutcome[rows.Length];
        var fresh = new List<(int Index, NumberedRosterRow Row)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if (_ids.Contains(row.Student.StudentId))
            {
                outcomes[i] = new EnrollmentOutcome(row.Row, row.Student.StudentId, null,
                    $"Student '{row.Student.StudentId}' is already enrolled in this cohort.");
            }
            else if (!seen.Add(row.Student.StudentId))
            {
                outcomes[i] = new EnrollmentOutcome(row.Row, row.Student.StudentId, null,
                    $"Student '{row.Student.StudentId}' appears more than once in this roster.");
            }
            else
            {
                fresh.Add((i, row));
            }
        }

        var now = time.GetUtcNow();
        var tokens = new string[rows.Length];
        await Parallel.ForEachAsync(fresh, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, TaskScheduler = TaskScheduler.Current }, async (item, _) =>
        {
            var token = StudentToken.New();
            var credentialKey = StudentToken.KeyOf(token);
            var enrollment = new EnrollmentKey(cohort.Id, item.Row.Student.StudentId);
            if (!await GrainFactory.GetGrain<ICredentialGrain>(credentialKey).BindAsync(enrollment))
            {
                throw new InvalidOperationException("A freshly generated token collided with an existing one.");
            }

            await GrainFactory.GetGrain<IEnrollmentGrain>(enrollment.ToString())
                .InitializeAsync(new EnrollmentInit(cohort, item.Row.Student, credentialKey, now));
            tokens[item.Index] = token;
        });

        // The page is written last: only students it records count as enrolled, so a retry after a
        // crash re-issues credentials instead of leaving students whose token nobody ever saw.
        foreach (var (index, row) in fresh)
        {
            state.State.Students.Add(new RosterEntry(row.Student.StudentId, row.Student.Name, row.Student.Email, now));
            _ids.Add(row.Student.StudentId);
            _progress?.TryAdd(row.Student.StudentId, new StudentProgress(row.Student.StudentId, []));
            _changedAt[row.Student.StudentId] = ++_version;
            outcomes[index] = new EnrollmentOutcome(row.Row, row.Student.StudentId, tokens[index], null);
        }

        if (fresh.Count > 0)
        {
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                // Memory now disagrees with storage: start over from storage on the next call.
                DeactivateOnIdle();
                throw;
            }
        }

        return [.. outcomes];
    }

    public Task<ImmutableArray<RosterEntry>> ListAsync() => Task.FromResult(state.State.Students.ToImmutableArray());

    public Task ReportAsync(StudentProgress progress)
    {
        if (_progress is null)
        {
            // Loading (or not needed yet): a report that lands while loading wins over what the load read.
            _reportedWhileLoading?.Add(progress);
        }
        else if (!_progress.TryGetValue(progress.StudentId, out var known) || !Same(known, progress))
        {
            _progress[progress.StudentId] = progress;
            _changedAt[progress.StudentId] = ++_version;
        }

        return Task.CompletedTask;
    }

    public async Task<RosterChanges> ChangesAsync(Guid epoch, long version)
    {
        var progress = await ProgressAsync();
        var complete = epoch != _epoch;
        var rows = ImmutableArray.CreateBuilder<StudentStanding>();
        foreach (var student in state.State.Students)
        {
            if (complete || _changedAt.GetValueOrDefault(student.StudentId) > version)
            {
                var current = progress.GetValueOrDefault(student.StudentId) ?? new StudentProgress(student.StudentId, []);
                rows.Add(new StudentStanding(student.StudentId, student.Name, student.Email, student.EnrolledAt, current));
            }
        }

        return new RosterChanges(_epoch, _version, complete, rows.ToImmutable());
    }

    private static bool Same(StudentProgress a, StudentProgress b) =>
        a with { FetchedReleases = b.FetchedReleases } == b && a.FetchedReleases.AsSpan().SequenceEqual(b.FetchedReleases.AsSpan());

    public async Task<PageSummary> SummarizeAsync(int latestRelease)
    {
        var progress = await ProgressAsync();
        int fetchedLatest = 0, fetchedAny = 0, registered = 0, up = 0, onTime = 0, due = 0;
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        var ranked = new List<StudentProgress>();
        foreach (var student in progress.Values)
        {
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
                ranked.Add(student);
            }
        }

        var names = state.State.Students.ToDictionary(s => s.StudentId, s => s.Name, StringComparer.Ordinal);
        var top = ranked
            .OrderByDescending(s => s.OverallScore).ThenBy(s => s.StudentId, StringComparer.Ordinal)
            .Take(LeaderboardSize)
            .Select(s => new LeaderboardEntry(s.StudentId, names.GetValueOrDefault(s.StudentId) ?? s.StudentId, s.OverallScore!.Value, s.Level!))
            .ToImmutableArray();
        return new PageSummary(state.State.Students.Count, fetchedLatest, fetchedAny, registered, up, onTime, due,
            levels.ToImmutableDictionary(StringComparer.Ordinal), top);
    }

    /// <summary>The most students a page offers the cohort's leaderboard: no page can place more in a top list of this size.</summary>
    public const int LeaderboardSize = 100;

    /// <summary>Only a passing grade is ranked: a leaderboard must never publish who is failing.</summary>
    private static bool IsRanked(StudentProgress student) =>
        student.OverallScore is { } score && double.IsFinite(score) && student.Level is { } level && level != "NotYetProficient";

    private async Task<Dictionary<string, StudentProgress>> ProgressAsync()
    {
        if (_progress is not null)
        {
            return _progress;
        }

        var cohortId = this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().LastIndexOf('/')];
        _reportedWhileLoading ??= [];
        var loaded = new StudentProgress?[state.State.Students.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, loaded.Length),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, TaskScheduler = TaskScheduler.Current },
            async (i, _) => loaded[i] = await GrainFactory
                .GetGrain<IEnrollmentGrain>(new EnrollmentKey(cohortId, state.State.Students[i].StudentId).ToString())
                .GetProgressAsync());
        if (_progress is null)
        {
            _progress = loaded.OfType<StudentProgress>().ToDictionary(p => p.StudentId, StringComparer.Ordinal);
            foreach (var report in _reportedWhileLoading)
            {
                _progress[report.StudentId] = report;
            }

            _reportedWhileLoading = null;
        }

        return _progress;
    }
}
