namespace PPipe.Grains;

/// <summary>How every grain writes its state: one rule for a write that fails.</summary>
internal static class GrainStateExtensions
{
    /// <summary>
    /// Writes <paramref name="state"/>. When the write fails, the activation's memory no longer matches what is
    /// durable, so the activation is dropped once this call ends and the next call starts again from storage; the
    /// failure still reaches the caller, who was not answered and may retry.
    /// </summary>
    public static async Task WriteOrDeactivateAsync<TState>(this IGrainBase grain, IPersistentState<TState> state)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
