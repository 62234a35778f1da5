using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Grains.Surveys;

/// <summary>Uploaded instruments, most recently updated first; at most <see cref="SurveyLibraryGrain.MaxEntries"/>.</summary>
[GenerateSerializer, Alias("ppipe.SurveyLibraryState")]
internal sealed class SurveyLibraryState
{
    [Id(0)] public List<InstrumentEntry> Instruments { get; set; } = [];
}
