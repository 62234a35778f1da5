namespace PPipe.Scenarios.Assessment;

/// <summary>
/// One problem with a submission, worded for the student. <see cref="Row"/> is the 1-based data row: in CSV the
/// line after the header is row 1 (blank lines count, so row n is line n + 1 of the file); in JSON the n-th
/// element of <c>predictions</c>. Null for problems of the whole body. <see cref="Id"/> is the row's id when
/// it was read.
/// </summary>
public sealed record SubmissionError(int? Row, string? Id, SubmissionField Field, string Message)
{
    public override string ToString() =>
        (Row is { } row ? $"row {row}" : "body") + (Id is null ? "" : $" ({Id})") + $", {Field}: {Message}";
}
