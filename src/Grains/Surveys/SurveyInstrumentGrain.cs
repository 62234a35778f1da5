using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Surveys;
using PPipe.Scenarios.Surveys;

namespace PPipe.Grains.Surveys;

internal sealed class SurveyInstrumentGrain(
    [PersistentState("instrument", StorageNames.Default)] IPersistentState<SurveyInstrumentState> state,
    TimeProvider time) : Grain, ISurveyInstrumentGrain
{
    public const int MaxVersions = 100;

    public async Task<InstrumentUpload> AddVersionAsync(string specText)
    {
        var id = this.GetPrimaryKeyString();
        var read = SurveySpecReader.Read(specText);
        if (!read.IsValid)
        {
            return new InstrumentUpload(InstrumentUploadStatus.Invalid, null, [.. read.Errors.Select(e => new InstrumentSpecProblem(e.Path, e.Message))], null);
        }

        var instrument = read.Instrument;
        if (instrument.Id != id)
        {
            return new InstrumentUpload(InstrumentUploadStatus.Invalid, null,
                [new InstrumentSpecProblem("id", $"'{instrument.Id}' is not the instrument this upload is for ('{id}')")], null);
        }

        if (BuiltInInstruments.IsReserved(id))
        {
            return new InstrumentUpload(InstrumentUploadStatus.Conflict, instrument.Version, [],
                $"'{id}' is a built-in instrument and cannot be uploaded; give yours another id.");
        }

        if (state.State.Versions.Find(v => v.Version == instrument.Version) is { } existing)
        {
            return existing.SpecText == specText
                ? new InstrumentUpload(InstrumentUploadStatus.Unchanged, existing.Version, [], null)
                : new InstrumentUpload(InstrumentUploadStatus.Conflict, existing.Version, [],
                    $"Version {existing.Version} of '{id}' exists with other content, and a version never changes: upload the change as version " +
                    $"{state.State.Versions.Max(v => v.Version) + 1}.");
        }

        if (state.State.Versions.Count >= MaxVersions)
        {
            return new InstrumentUpload(InstrumentUploadStatus.Conflict, instrument.Version, [],
                $"'{id}' already has {MaxVersions} versions; upload the spec as a new instrument with another id.");
        }

        var version = new InstrumentVersion(id, instrument.Version, instrument.Title, specText, time.GetUtcNow());
        state.State.Versions.Add(version);
        state.State.Versions.Sort((a, b) => a.Version.CompareTo(b.Version));
        await this.WriteOrDeactivateAsync(state);

        var latest = state.State.Versions[^1];
        await GrainFactory.GetGrain<ISurveyLibraryGrain>(ISurveyLibraryGrain.Key)
            .RecordAsync(new InstrumentEntry(id, latest.Title, latest.Version, version.CreatedAt));
        return new InstrumentUpload(InstrumentUploadStatus.Added, version.Version, [], null);
    }

    public Task<InstrumentVersion?> GetVersionAsync(int version) => Task.FromResult(state.State.Versions.Find(v => v.Version == version));

    public Task<ImmutableArray<InstrumentVersion>> ListAsync() => Task.FromResult(state.State.Versions.ToImmutableArray());
}
