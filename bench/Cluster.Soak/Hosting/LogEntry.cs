namespace PPipe.Cluster.Soak.Hosting;

/// <summary>One kind of log entry (level, category, event id) or exception type, how often and when it was seen.</summary>
public sealed class LogEntry(string level, string category, string eventId)
{
    public string Level { get; } = level;

    public string Category { get; } = category;

    public string EventId { get; } = eventId;

    public long Count { get; set; }

    /// <summary>Seconds into the run.</summary>
    public double FirstAt { get; set; }

    public double LastAt { get; set; }

    public List<string> Samples { get; } = [];

    public LogEntry Copy()
    {
        var copy = new LogEntry(Level, Category, EventId) { Count = Count, FirstAt = FirstAt, LastAt = LastAt };
        copy.Samples.AddRange(Samples);
        return copy;
    }
}
