using System.Collections.Concurrent;
using PPipe.Grains.Interfaces.Surveys;
using PPipe.Scenarios.Surveys;

namespace PPipe.Grains.Client.Surveys;

/// <summary>
/// Resolves an instrument version (built in, or uploaded) to its <see cref="SurveyInstrument"/>. Versions never change, so each
/// is read from its grain and parsed once per process.
/// </summary>
public sealed class SurveyInstrumentCatalog(IGrainFactory grains)
{
    private const int MaxCached = 1024;
    private readonly ConcurrentDictionary<(string Id, int Version), SurveyInstrument> _cache = new();

    public async ValueTask<SurveyInstrument?> FindAsync(string id, int version)
    {
        if (BuiltInInstruments.TryGet(id, version, out var builtIn))
        {
            return builtIn;
        }

        if (BuiltInInstruments.IsReserved(id))
        {
            return null;
        }

        if (_cache.TryGetValue((id, version), out var cached))
        {
            return cached;
        }

        if (await grains.GetGrain<ISurveyInstrumentGrain>(id).GetVersionAsync(version) is not { } stored)
        {
            return null;
        }

        var read = SurveySpecReader.Read(stored.SpecText);
        if (!read.IsValid)
        {
            throw new InvalidOperationException($"Stored survey instrument {id} v{version} no longer validates: {string.Join("; ", read.Errors)}");
        }

        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        return _cache.GetOrAdd((id, version), read.Instrument);
    }
}
