namespace PPipe.Grains.Client.Calendar;

/// <summary>
/// One event of a student's schedule as wall-clock UTC times, whole seconds. <see cref="End"/> is null for an instant.
/// <see cref="Uid"/> is stable for the student and the event, so a calendar app updates rather than duplicates it;
/// <see cref="Sequence"/> and <see cref="LastModified"/> change whenever a pause, a resume or an extension moves it.
/// <see cref="Tentative"/>: the cohort is paused before this event, which will move later by however long the pause lasts.
/// </summary>
public sealed record ScheduleEntry(
    string Uid,
    ScheduleEntryKind Kind,
    int Seq,
    string Title,
    string Description,
    DateTimeOffset Start,
    DateTimeOffset? End,
    bool Tentative,
    int Sequence,
    DateTimeOffset LastModified);
