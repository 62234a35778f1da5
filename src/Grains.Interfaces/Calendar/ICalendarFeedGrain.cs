using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Interfaces.Calendar;

/// <summary>
/// The index from a calendar feed secret to its enrollment, keyed by <see cref="CalendarSecret.KeyOf"/> (a hash: the
/// secret is not in the key). It also holds a copy of the student's deadline extension, pushed by the enrollment
/// whenever it changes, so a calendar app's poll costs this one grain call. Only the enrollment writes it.
/// </summary>
[Alias("ppipe.ICalendarFeedGrain")]
public interface ICalendarFeedGrain : IGrainWithStringKey
{
    /// <summary>Binds this secret hash to an enrollment; false when it is bound to another one (or was revoked).</summary>
    [Alias("Bind")]
    Task<bool> BindAsync(EnrollmentKey enrollment, StudentExtension extension);

    /// <summary>Takes the enrollment's extension when it is newer than the copy held; nothing for an unbound or revoked secret.</summary>
    [Alias("Update")]
    Task UpdateAsync(StudentExtension extension);

    /// <summary>The enrollment and extension this secret opens, or null when it is unknown or revoked.</summary>
    [Alias("Resolve")]
    Task<CalendarFeedBinding?> ResolveAsync();

    /// <summary>Revokes the secret for good: its URL answers 404 from now on, on every front end.</summary>
    [Alias("Revoke")]
    Task RevokeAsync();
}
