using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Credentials;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Roster;

/// <summary>
/// One roster page: its students, and their progress as the enrollments push it. Reads (summaries, the monitor's
/// changes) are answered from the page alone and never call an enrollment, so a summary can never wait on an
/// enrollment that waits on its cohort. Reports are taken in memory and written coalesced, at most every
/// <see cref="FlushInterval"/> and when the activation ends; an activation that follows one lost with its silo starts
/// from what was written and asks its students, one way, to report again, which corrects within seconds whatever was
/// reported after the last write. What the page counts from its students' reports is in <c>RosterPageGrain.Progress.cs</c>.
/// </summary>
internal sealed partial class RosterPageGrain(
    [PersistentState("roster-page", StorageNames.Default)] IPersistentState<RosterPageState> state,
    [PersistentState("roster-progress", StorageNames.Default)] IPersistentState<RosterProgressState> progress,
    TimeProvider time) : Grain, IRosterPageGrain
{
    /// <summary>How often reported progress is written, at most: what a silo lost between two writes costs is a few seconds of staleness.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);

    /// <summary>Enrollment grains created at once by one page; pages themselves run in parallel.</summary>
    private const int Parallelism = 16;

    /// <summary>Each recorded student's position in the page's list: one look-up per row, however large the page.</summary>
    private Dictionary<string, int> _positions = null!;
    private bool _dirty;

    // Monitors read changes by version; versions only compare within this activation.
    private readonly Guid _epoch = Guid.NewGuid();
    private long _version;
    private readonly Dictionary<string, long> _changedAt = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _positions = state.State.Students.Select((s, i) => (s.StudentId, i)).ToDictionary(p => p.StudentId, p => p.i, StringComparer.Ordinal);
        if (progress.State.Settled)
        {
            // Written before any report is taken: if this activation is lost, the next one knows to ask again.
            progress.State.Settled = false;
            await this.WriteOrDeactivateAsync(progress);
        }
        else
        {
            AskStudentsToReport();
        }

        this.RegisterGrainTimer(FlushAsync, FlushInterval, FlushInterval);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        progress.State.Settled = true;
        await this.WriteOrDeactivateAsync(progress);
    }

    public Task<ImmutableArray<EnrollmentOutcome>> CheckAsync(ImmutableArray<NumberedRosterRow> rows) =>
        Task.FromResult(Conflicts(rows));

    public async Task<ImmutableArray<EnrollmentOutcome>> EnrollAsync(CohortInfo cohort, ImmutableArray<byte> rosterKey, ImmutableArray<NumberedRosterRow> rows)
    {
        var conflicts = Conflicts(rows);
        if (!conflicts.IsEmpty)
        {
            return conflicts;
        }

        var outcomes = new EnrollmentOutcome[rows.Length];
        var fresh = new List<(int Index, NumberedRosterRow Row)>();
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if (Entry(row.Student.StudentId) is { } entry)
            {
                // The same person again (a roster sent twice, or again after a failure): the same token, nothing changes.
                outcomes[i] = new EnrollmentOutcome(row.Row, entry.StudentId,
                    StudentToken.Derive(rosterKey.AsSpan(), entry.StudentId, entry.CurrentGeneration), null, AlreadyEnrolled: true);
            }
            else
            {
                fresh.Add((i, row));
            }
        }

        var now = time.GetUtcNow();
        await Parallel.ForEachAsync(fresh, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, TaskScheduler = TaskScheduler.Current }, async (item, _) =>
        {
            var student = item.Row.Student;
            var token = StudentToken.Derive(rosterKey.AsSpan(), student.StudentId, 1);
            await BindAsync(cohort, student, token, now);
            outcomes[item.Index] = new EnrollmentOutcome(item.Row.Row, student.StudentId, token, null);
        });

        // The page is written last: only students it records count as enrolled. A failure before this leaves
        // enrollments and credentials that the same roster sent again finds and completes, with the same tokens.
        if (fresh.Count > 0)
        {
            var first = state.State.Students.Count;
            state.State.Students.AddRange(fresh.Select(f => new RosterEntry(f.Row.Student.StudentId, f.Row.Student.Name, f.Row.Student.Email, now)));
            await this.WriteOrDeactivateAsync(state);
            for (var k = 0; k < fresh.Count; k++)
            {
                var studentId = fresh[k].Row.Student.StudentId;
                _positions[studentId] = first + k;
                _changedAt[studentId] = ++_version;
            }

            await RecordSizeAsync(cohort.Id);
        }

        return [.. outcomes];
    }

    public async Task<string?> ReissueTokenAsync(CohortInfo cohort, string studentId, ImmutableArray<byte> rosterKey)
    {
        if (!_positions.TryGetValue(studentId, out var index) || state.State.Students[index].IsRemoved)
        {
            return null;
        }

        var entry = state.State.Students[index];
        var generation = entry.CurrentGeneration + 1;
        var token = StudentToken.Derive(rosterKey.AsSpan(), studentId, generation);

        // The enrollment revokes the old token and bucket keys when it takes the new token; the page records the generation
        // after, so a re-issue that failed part way and is sent again derives the same new token and completes it.
        await BindAsync(cohort, new RosterRow(studentId, entry.Name, entry.Email), token, entry.EnrolledAt);
        state.State.Students[index] = entry with { TokenGeneration = generation };
        await this.WriteOrDeactivateAsync(state);
        return token;
    }

    public async Task<StudentRemoval?> RemoveAsync(string studentId)
    {
        if (!_positions.TryGetValue(studentId, out var index))
        {
            return null;
        }

        var entry = state.State.Students[index];
        if (entry.RemovedAt is { } before)
        {
            return new StudentRemoval(studentId, before, AlreadyRemoved: true);
        }

        // The enrollment first (it stops, and its token and keys die); the page records the removal after, so a removal
        // that failed part way is sent again and completes.
        var removedAt = await GrainFactory.GetGrain<IEnrollmentGrain>(new EnrollmentKey(CohortId, studentId).ToString()).RemoveAsync()
            ?? time.GetUtcNow();
        state.State.Students[index] = entry with { RemovedAt = removedAt };
        await this.WriteOrDeactivateAsync(state);
        _changedAt[studentId] = ++_version;
        await RecordSizeAsync(CohortId);
        return new StudentRemoval(studentId, removedAt, AlreadyRemoved: false);
    }

    public Task<ImmutableArray<RosterEntry>> ListAsync() => Task.FromResult(state.State.Students.ToImmutableArray());

    /// <summary>Binds the token to the student's enrollment and (re)initializes the enrollment with it; both idempotent.</summary>
    private async Task BindAsync(CohortInfo cohort, RosterRow student, string token, DateTimeOffset enrolledAt)
    {
        // The caller read the cohort for this page (one read per roster, not one per page); it must be this page's.
        if (cohort.Id != CohortId)
        {
            throw new ArgumentException($"Roster page '{this.GetPrimaryKeyString()}' was given cohort '{cohort.Id}'.", nameof(cohort));
        }

        var credentialKey = StudentToken.KeyOf(token);
        var enrollment = new EnrollmentKey(cohort.Id, student.StudentId);
        if (!await GrainFactory.GetGrain<ICredentialGrain>(credentialKey).BindAsync(enrollment))
        {
            throw new InvalidOperationException($"The token derived for '{student.StudentId}' is bound to another enrollment or revoked.");
        }

        await GrainFactory.GetGrain<IEnrollmentGrain>(enrollment.ToString())
            .InitializeAsync(new EnrollmentInit(cohort, student, credentialKey, enrolledAt));
    }

    /// <summary>
    /// Rows that cannot be enrolled: a student listed twice, removed from the cohort, or already enrolled as somebody else
    /// (another name or e-mail). Empty when the rows may be enrolled.
    /// </summary>
    private ImmutableArray<EnrollmentOutcome> Conflicts(ImmutableArray<NumberedRosterRow> rows)
    {
        var conflicts = ImmutableArray.CreateBuilder<EnrollmentOutcome>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var student = row.Student;
            if (!seen.Add(student.StudentId))
            {
                conflicts.Add(new EnrollmentOutcome(row.Row, student.StudentId, null, $"Student '{student.StudentId}' appears more than once in this roster."));
            }
            else if (Entry(student.StudentId) is { RemovedAt: { } removedAt })
            {
                conflicts.Add(new EnrollmentOutcome(row.Row, student.StudentId, null,
                    $"Student '{student.StudentId}' was removed from this cohort on {removedAt:yyyy-MM-dd HH:mm} UTC and cannot be enrolled again; " +
                    "take the row out of the roster (the student's data is kept for the grades export), or enroll them under a new student id."));
            }
            else if (Entry(student.StudentId) is { } entry && (entry.Name != student.Name || !string.Equals(entry.Email, student.Email, StringComparison.OrdinalIgnoreCase)))
            {
                conflicts.Add(new EnrollmentOutcome(row.Row, student.StudentId, null,
                    $"Student '{student.StudentId}' is already enrolled as {entry.Name} <{entry.Email}>; this row says {student.Name} <{student.Email}>."));
            }
        }

        return conflicts.ToImmutable();
    }

    private RosterEntry? Entry(string studentId) => _positions.TryGetValue(studentId, out var index) ? state.State.Students[index] : null;

    /// <summary>Tells the cohort how many enrolled students this page holds (the cohort waits on nothing, so this cannot deadlock).</summary>
    private Task RecordSizeAsync(string cohortId) =>
        GrainFactory.GetGrain<ICohortGrain>(cohortId).RecordRosterSizeAsync(PageNumber, state.State.Students.Count(s => !s.IsRemoved));

    private string CohortId
    {
        get
        {
            var key = this.GetPrimaryKeyString();
            return key[..key.LastIndexOf('/')];
        }
    }

    private int PageNumber => int.Parse(this.GetPrimaryKeyString().AsSpan(this.GetPrimaryKeyString().LastIndexOf('/') + 2), System.Globalization.CultureInfo.InvariantCulture);
}
