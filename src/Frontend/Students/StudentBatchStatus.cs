namespace PPipe.Frontend.Students;

/// <summary>Where a prediction window stands for its student: the schedule's status, or <see cref="Scored"/> once scored.</summary>
public enum StudentBatchStatus
{
    Upcoming,
    Open,
    Closed,
    Scored,
}
