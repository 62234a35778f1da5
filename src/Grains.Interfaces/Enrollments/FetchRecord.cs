namespace PPipe.Grains.Interfaces.Enrollments;

/// <summary>Acquisition evidence: when the student first fetched a release, and through which channel.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.FetchRecord")]
public sealed record FetchRecord(int Seq, DateTimeOffset At, string Channel);
