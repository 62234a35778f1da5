using Orleans.Storage;

namespace PPipe.Hosting.Tests.Storage;

/// <summary>
/// Grain storage whose first calls fail as told (a null entry succeeds), and which counts calls and how many ran at once.
/// </summary>
internal sealed class ScriptedStorage(params Exception?[] failures) : IGrainStorage
{
    private int _calls;
    private int _running;
    private int _mostAtOnce;

    public int Calls => _calls;

    public int MostAtOnce => _mostAtOnce;

    /// <summary>Held open until released, to pile up concurrent operations.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Gated { get; init; }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => RunAsync();

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => RunAsync();

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => RunAsync();

    private async Task RunAsync()
    {
        var call = Interlocked.Increment(ref _calls);
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _mostAtOnce, running);
        try
        {
            if (Gated)
            {
                await Gate.Task;
            }

            if (call <= failures.Length && failures[call - 1] is { } failure)
            {
                throw failure;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
