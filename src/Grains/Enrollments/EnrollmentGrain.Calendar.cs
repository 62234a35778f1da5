using PPipe.Grains.Interfaces.Calendar;

namespace PPipe.Grains.Enrollments;

/// <summary>
/// The student's calendar feed: its secret, made and bound on first use and replaced on request (at most
/// <see cref="CalendarRotationLimit.PerHour"/> an hour), and the extension stamp the feed shows.
/// </summary>
internal sealed partial class EnrollmentGrain
{
    public async Task<StudentCalendar> GetCalendarAsync() =>
        new(Record.CalendarSecret ?? await NewCalendarSecretAsync(rotation: false), ExtensionStamp);

    public async Task<CalendarRotation> RotateCalendarAsync()
    {
        var now = time.GetUtcNow();
        if (now - Record.CalendarRotationsSince >= CalendarRotationLimit.Window || now < Record.CalendarRotationsSince)
        {
            Record.CalendarRotationsSince = now;
            Record.CalendarRotations = 0;
        }

        if (Record.CalendarRotations >= CalendarRotationLimit.PerHour)
        {
            return new CalendarRotation(null, Record.CalendarRotationsSince + CalendarRotationLimit.Window);
        }

        return new CalendarRotation(new StudentCalendar(await NewCalendarSecretAsync(rotation: true), ExtensionStamp), null);
    }

    private StudentExtension ExtensionStamp => new(Record.Extension, Record.ExtensionRevision, Record.ExtensionChangedAt);

    private ICalendarFeedGrain CalendarFeed(string secret) => GrainFactory.GetGrain<ICalendarFeedGrain>(CalendarSecret.KeyOf(secret));

    /// <summary>
    /// Binds a new feed secret, revokes the previous one, then records the new one. A failure part-way leaves either the
    /// old URL working (bind or revoke failed) or no working URL until the next rotation (the write failed); never two.
    /// </summary>
    private async Task<string> NewCalendarSecretAsync(bool rotation)
    {
        if (Record.Student is null)
        {
            throw new InvalidOperationException($"Enrollment {_key} does not exist.");
        }

        var secret = CalendarSecret.New();
        if (!await CalendarFeed(secret).BindAsync(_key, ExtensionStamp))
        {
            throw new InvalidOperationException("A freshly generated calendar secret collided with an existing one.");
        }

        if (Record.CalendarSecret is { } previous)
        {
            await CalendarFeed(previous).RevokeAsync();
        }

        Record.CalendarSecret = secret;
        if (rotation)
        {
            Record.CalendarRotations++; // counted with the new secret's write: a rotation that failed before it does not count
        }

        await SaveAsync();
        return secret;
    }
}
