namespace PPipe.Simulation.Students;

/// <summary>A release the student downloaded: through which channel, how many rows, when the download finished.</summary>
public sealed record ReleaseFetch(int Seq, string Channel, int Rows, DateTimeOffset At);
