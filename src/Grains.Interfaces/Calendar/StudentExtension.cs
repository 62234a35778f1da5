namespace PPipe.Grains.Interfaces.Calendar;

/// <summary>
/// A student's deadline extension (scenario time added to every due time and late cutoff) as of its
/// <see cref="Revision"/>-th change, made at <see cref="ChangedAt"/> (null: never changed). The revision tells a copy
/// which of two values is newer, and becomes part of the calendar events' SEQUENCE.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.StudentExtension")]
public sealed record StudentExtension(TimeSpan Extension, int Revision, DateTimeOffset? ChangedAt)
{
    public static readonly StudentExtension None = new(TimeSpan.Zero, 0, null);
}
