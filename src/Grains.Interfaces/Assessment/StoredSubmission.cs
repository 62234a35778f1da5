namespace PPipe.Grains.Interfaces.Assessment;

/// <summary>One accepted submission as stored until its batch is scored.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.StoredSubmission")]
public sealed record StoredSubmission(string SubmissionId, DateTimeOffset ReceivedAt, bool Late, BatchSubmission Predictions);
