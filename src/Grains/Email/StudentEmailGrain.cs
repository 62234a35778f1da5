using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using PPipe.Grains.Interfaces.Email;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Join;

namespace PPipe.Grains.Email;

/// <summary>
/// One address: its enrollments (written), and the requests for mail it had in the current window (kept in the
/// activation's memory only, so an address nobody enrolled costs no storage however often it is tried; a limit, not a
/// ledger: it starts over if the activation is collected). What is sent is decided here, in one turn per address, and
/// handed to a mail worker one way, so the answer takes as long whatever the address is. A roster of thousands indexes
/// thousands of addresses that may never ask for mail, so an idle activation is collected after two minutes (not the
/// default's hours), unless it is counting requests. It is never deactivated from inside a call: rosters of several
/// cohorts naming the same address call it at once, and calls queued behind a deactivation fail to be forwarded.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
internal sealed class StudentEmailGrain(
    [PersistentState("student-email", StorageNames.Default)] IPersistentState<StudentEmailState> state,
    IOptions<StudentMailOptions> options,
    TimeProvider time) : Grain, IStudentEmailGrain
{
    /// <summary>The most enrollments one sign-in or recovery mail has links for (the newest).</summary>
    public const int MaxLinksPerMail = 5;

    private readonly Queue<DateTimeOffset> _requests = new();

    private string Address => this.GetPrimaryKeyString();

    public Task<ImmutableArray<EnrollmentKey>> EnrollmentsAsync() => Task.FromResult(state.State.Enrollments.ToImmutableArray());

    public async Task AddEnrollmentAsync(EnrollmentKey enrollment)
    {
        if (state.State.Enrollments.Contains(enrollment))
        {
            return;
        }

        state.State.Enrollments.Insert(0, enrollment);
        if (state.State.Enrollments.Count > IStudentEmailGrain.MaxEnrollments)
        {
            state.State.Enrollments.RemoveRange(IStudentEmailGrain.MaxEnrollments, state.State.Enrollments.Count - IStudentEmailGrain.MaxEnrollments);
        }

        await this.WriteOrDeactivateAsync(state);
    }

    public async Task<MailRequestOutcome> RequestMailAsync(StudentMailRequest request)
    {
        var now = time.GetUtcNow();
        var limits = options.Value;
        while (_requests.TryPeek(out var oldest) && now - oldest >= limits.AddressWindow)
        {
            _requests.Dequeue();
        }

        if (_requests.Count >= limits.RequestsPerAddress)
        {
            return new MailRequestOutcome(false, _requests.Peek() + limits.AddressWindow - now);
        }

        _requests.Enqueue(now);
        // The count lives in this activation: keep it for the window, past the short idle limit below.
        DelayDeactivation(limits.AddressWindow);
        if (await DecideAsync(request) is { } job)
        {
            await GrainFactory.GetGrain<IMailWorkerGrain>(0).SendAsync(job);
        }

        return MailRequestOutcome.Taken;
    }

    /// <summary>The mail this request earns, or null for none (a sign-in link or a lost token asked for an address with no enrollment).</summary>
    private async Task<StudentMailJob?> DecideAsync(StudentMailRequest request)
    {
        var enrollments = state.State.Enrollments;
        if (request.Kind != StudentMailKind.Join)
        {
            if (enrollments.Count == 0)
            {
                return null;
            }

            var kind = request.Kind == StudentMailKind.SignIn ? StudentMailJobKind.SignIn : StudentMailJobKind.TokenRecovery;
            return new StudentMailJob(kind, Address, request.Name,
                [.. enrollments.Take(MaxLinksPerMail).Select(e => new StudentMailTarget(e.CohortId, e.StudentId))]);
        }

        var cohortId = request.CohortId ?? throw new ArgumentException("A join request names its cohort.", nameof(request));
        // Asked whether or not the address is enrolled, so both take the same calls.
        var listed = request.Allowlist
            ? await GrainFactory.GetGrain<IJoinAllowlistGrain>(JoinAllowlists.KeyOf(cohortId, JoinAllowlists.PageOf(Address))).FindAsync(Address)
            : null;
        if (enrollments.Find(e => e.CohortId == cohortId) is { } enrolled)
        {
            return new StudentMailJob(StudentMailJobKind.AlreadyEnrolled, Address, request.Name, [new StudentMailTarget(cohortId, enrolled.StudentId)]);
        }

        if (request.Allowlist && listed is null)
        {
            return new StudentMailJob(StudentMailJobKind.NotOnAllowlist, Address, request.Name, [new StudentMailTarget(cohortId, null)]);
        }

        return new StudentMailJob(StudentMailJobKind.JoinConfirmation, Address, listed?.Name ?? request.Name,
            [new StudentMailTarget(cohortId, listed?.StudentId, request.Code)]);
    }
}
