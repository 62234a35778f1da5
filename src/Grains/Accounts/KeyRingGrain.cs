using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Accounts;

namespace PPipe.Grains.Accounts;

[GenerateSerializer, Alias("ppipe.KeyRingState")]
internal sealed class KeyRingState
{
    [Id(0)] public List<KeyValuePair<string, string>> Keys { get; set; } = [];
}

internal sealed class KeyRingGrain([PersistentState("key-ring", StorageNames.Default)] IPersistentState<KeyRingState> state) : Grain, IKeyRingGrain
{
    public Task<ImmutableArray<string>> AllAsync() => Task.FromResult(state.State.Keys.Select(k => k.Value).ToImmutableArray());

    public async Task StoreAsync(string name, string element)
    {
        if (state.State.Keys.Exists(k => k.Key == name))
        {
            return;
        }

        state.State.Keys.Add(new(name, element));
        if (state.State.Keys.Count > IKeyRingGrain.MaxKeys)
        {
            state.State.Keys.RemoveAt(0);
        }

        await this.WriteOrDeactivateAsync(state);
    }
}
