using PPipe.Grains.Interfaces.Library;

namespace PPipe.Grains.Library;

/// <summary>All three lists oldest first, each at most <see cref="ILibraryGrain.MaxEntries"/> long.</summary>
[GenerateSerializer, Alias("ppipe.LibraryState")]
internal sealed class LibraryState
{
    [Id(0)] public List<LibraryEntry> Scenarios { get; set; } = [];
    [Id(1)] public List<LibraryEntry> Cohorts { get; set; } = [];
    [Id(2)] public List<LibraryEntry> Datasets { get; set; } = [];
}
