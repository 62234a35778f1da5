using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Interfaces.Email;

/// <summary>
/// One e-mail address, keyed by <see cref="EmailAddress.Normalize"/>: the enrollments it belongs to (at most
/// <see cref="MaxEnrollments"/>, filled by roster uploads with an address and by joins), and the one place that decides
/// what mail the address gets when someone asks for a join confirmation, a sign-in link or a lost token. Requests are
/// limited per address here, so every front end shares the limit; what is sent depends on what the address is, but the
/// answer never does (no one learns from it whether an address is enrolled). The mail itself goes out after the answer.
/// </summary>
[Alias("ppipe.IStudentEmailGrain")]
public interface IStudentEmailGrain : IGrainWithStringKey
{
    /// <summary>The most enrollments one address lists; beyond it the oldest is forgotten.</summary>
    public const int MaxEnrollments = 50;

    /// <summary>The enrollments of this address, newest first.</summary>
    [Alias("Enrollments")]
    Task<ImmutableArray<EnrollmentKey>> EnrollmentsAsync();

    /// <summary>Records that this address belongs to <paramref name="enrollment"/>; the same one again changes nothing.</summary>
    [Alias("AddEnrollment")]
    Task AddEnrollmentAsync(EnrollmentKey enrollment);

    /// <summary>
    /// Takes one request for mail to this address (a join, a sign-in link, a lost token): refused when the address has
    /// had its allowance of requests in the current window, otherwise accepted and, where there is something to send,
    /// handed to a mail worker one way.
    /// </summary>
    [Alias("RequestMail")]
    Task<MailRequestOutcome> RequestMailAsync(StudentMailRequest request);
}
