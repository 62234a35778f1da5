using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>An uploaded survey instrument, keyed by the id its spec gives: its immutable, validated versions.</summary>
[Alias("ppipe.ISurveyInstrumentGrain")]
public interface ISurveyInstrumentGrain : IGrainWithStringKey
{
    /// <summary>Validates the spec and stores it as the version it names, unless that version exists with other text.</summary>
    [Alias("AddVersion")]
    Task<InstrumentUpload> AddVersionAsync(string specText);

    /// <summary>One version, or null.</summary>
    [Alias("GetVersion")]
    Task<InstrumentVersion?> GetVersionAsync(int version);

    /// <summary>Every version, lowest first.</summary>
    [Alias("List")]
    Task<ImmutableArray<InstrumentVersion>> ListAsync();
}
