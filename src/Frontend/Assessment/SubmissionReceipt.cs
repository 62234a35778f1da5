using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Frontend.Assessment;

/// <summary>
/// 202 to <c>POST /api/v1/batches/{seq}/predictions</c>: the submission's id, when it was received, its row count,
/// whether it was late, how many more submissions the batch takes, a sentence on how it will count, and the model it
/// named (null when none).
/// </summary>
public sealed record SubmissionReceipt(string SubmissionId, DateTimeOffset ReceivedAt, int Rows, bool Late, int Remaining, string Detail, ModelStamp? Model);
