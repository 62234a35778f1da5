namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>An uploaded instrument in the instructors' list: its id, its newest version's title and number, and when that came.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.InstrumentEntry")]
public sealed record InstrumentEntry(string Id, string Title, int LatestVersion, DateTimeOffset UpdatedAt);
