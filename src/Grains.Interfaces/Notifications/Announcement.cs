namespace PPipe.Grains.Interfaces.Notifications;

/// <summary>An instructor's message to a cohort, numbered from 1 within the cohort.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.Announcement")]
public sealed record Announcement(string CohortId, int Seq, string Subject, string Text, DateTimeOffset PostedAt)
{
    public const int MaxSubjectLength = 200;
    public const int MaxTextLength = 4000;
}
