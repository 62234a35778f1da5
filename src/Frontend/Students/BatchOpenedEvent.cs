namespace PPipe.Frontend.Students;

/// <summary>The data of a <c>batch-opened</c> event: the batch, when it opened and is due, and its row count.</summary>
public sealed record BatchOpenedEvent(int Seq, DateTimeOffset OpensAt, DateTimeOffset? DueAt, int Rows);
