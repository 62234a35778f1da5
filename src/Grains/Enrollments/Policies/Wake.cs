namespace PPipe.Grains.Enrollments.Policies;

/// <summary>
/// What an enrollment asks of its silo's wakes: to be woken at <see cref="Time"/>, or nothing (<see cref="None"/>:
/// nothing is scheduled, though a call may still bring work), or nothing ever again (<see cref="Finished"/>: the
/// reminder can stop as well).
/// </summary>
internal readonly record struct Wake(DateTimeOffset? Time, bool IsFinished)
{
    public static Wake None => default;

    public static Wake Finished => new(null, true);

    public static Wake At(DateTimeOffset time) => new(time, false);
}
