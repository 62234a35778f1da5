using PPipe.Grains.Interfaces.Calendar;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Calendar;

/// <summary>
/// One entry of the calendar feed index. A subscribed calendar polls every few minutes to hours, so a bound entry
/// stays in memory between polls (the silo's idle collection decides); a lookup of an unknown or revoked secret
/// leaves at once, so guessed URLs do not fill memory.
/// </summary>
internal sealed class CalendarFeedGrain(
    [PersistentState("calendar", StorageNames.Default)] IPersistentState<CalendarFeedState> state) : Grain, ICalendarFeedGrain
{
    private CalendarFeedState Entry => state.State;

    public async Task<bool> BindAsync(EnrollmentKey enrollment, StudentExtension extension)
    {
        if (Entry.Enrollment is { } bound)
        {
            return bound == enrollment && !Entry.Revoked;
        }

        Entry.Enrollment = enrollment;
        Entry.Extension = extension;
        await this.WriteOrDeactivateAsync(state);
        return true;
    }

    public async Task UpdateAsync(StudentExtension extension)
    {
        if (Entry.Enrollment is null || Entry.Revoked || extension.Revision <= Entry.Extension.Revision)
        {
            return;
        }

        Entry.Extension = extension;
        await this.WriteOrDeactivateAsync(state);
    }

    public Task<CalendarFeedBinding?> ResolveAsync()
    {
        if (Entry.Enrollment is not { } enrollment || Entry.Revoked)
        {
            DeactivateOnIdle();
            return Task.FromResult<CalendarFeedBinding?>(null);
        }

        return Task.FromResult<CalendarFeedBinding?>(new CalendarFeedBinding(enrollment, Entry.Extension));
    }

    public async Task RevokeAsync()
    {
        if (Entry.Enrollment is null || Entry.Revoked)
        {
            return;
        }

        Entry.Revoked = true;
        Entry.Extension = StudentExtension.None;
        await this.WriteOrDeactivateAsync(state);
        DeactivateOnIdle();
    }
}
