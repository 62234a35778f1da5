using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>The index of uploaded survey instruments (built-in ones are not listed here), a leaf.</summary>
[Alias("ppipe.ISurveyLibraryGrain")]
public interface ISurveyLibraryGrain : IGrainWithStringKey
{
    public const string Key = "surveys";

    /// <summary>Records an instrument's newest version; the entry moves to the front.</summary>
    [Alias("Record")]
    Task RecordAsync(InstrumentEntry entry);

    /// <summary>Uploaded instruments, most recently updated first.</summary>
    [Alias("List")]
    Task<ImmutableArray<InstrumentEntry>> ListAsync();
}
