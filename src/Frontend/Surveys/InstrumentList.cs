namespace PPipe.Frontend.Surveys;

/// <summary>A page of instruments: the built-in ones first, then uploaded ones, most recently updated first.</summary>
public sealed record InstrumentList(IReadOnlyList<InstrumentList.InstrumentEntry> Instruments, int Page, int PageSize, int Total)
{
    /// <summary>An instrument, its newest version's title and number, and whether it is built in.</summary>
    public sealed record InstrumentEntry(string Id, string Title, int LatestVersion, bool BuiltIn, DateTimeOffset? UpdatedAt);
}
