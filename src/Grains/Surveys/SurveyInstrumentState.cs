using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Grains.Surveys;

/// <summary>The versions of one uploaded instrument, lowest first; at most <see cref="SurveyInstrumentGrain.MaxVersions"/>.</summary>
[GenerateSerializer, Alias("ppipe.SurveyInstrumentState")]
internal sealed class SurveyInstrumentState
{
    [Id(0)] public List<InstrumentVersion> Versions { get; set; } = [];
}
