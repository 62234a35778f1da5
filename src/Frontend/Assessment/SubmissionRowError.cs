using PPipe.Scenarios.Assessment;

namespace PPipe.Frontend.Assessment;

/// <summary>One problem in a refused submission (the 422's <c>errors</c>): the row, the id when known, the field and what is wrong.</summary>
public sealed record SubmissionRowError(int? Row, string? Id, SubmissionField Field, string Message);
