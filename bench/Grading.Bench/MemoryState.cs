namespace PPipe.Grading.Bench;

/// <summary>A grain's persistent state held in memory and never written: the roster pages here only answer reads.</summary>
internal sealed class MemoryState<T>(T state) : IPersistentState<T>
{
    public T State { get; set; } = state;

    public string? Etag => null;

    public bool RecordExists => true;

    public Task ClearStateAsync() => Task.CompletedTask;

    public Task WriteStateAsync() => Task.CompletedTask;

    public Task ReadStateAsync() => Task.CompletedTask;
}
