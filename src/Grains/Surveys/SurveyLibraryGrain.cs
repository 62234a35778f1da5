using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Grains.Surveys;

internal sealed class SurveyLibraryGrain(
    [PersistentState("surveyLibrary", StorageNames.Default)] IPersistentState<SurveyLibraryState> state) : Grain, ISurveyLibraryGrain
{
    public const int MaxEntries = 5_000;

    public async Task RecordAsync(InstrumentEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        state.State.Instruments.RemoveAll(e => e.Id == entry.Id);
        state.State.Instruments.Insert(0, entry);
        if (state.State.Instruments.Count > MaxEntries)
        {
            state.State.Instruments.RemoveRange(MaxEntries, state.State.Instruments.Count - MaxEntries);
        }

        await this.WriteOrDeactivateAsync(state);
    }

    public Task<ImmutableArray<InstrumentEntry>> ListAsync() => Task.FromResult(state.State.Instruments.ToImmutableArray());
}
