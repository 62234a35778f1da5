using PPipe.Grains.Interfaces.Datasets;

namespace PPipe.Grains.Client.Datasets;

/// <summary>A profiled, sealed upload ready to publish, or the reason the file was refused (and nothing kept).</summary>
public sealed record IngestResult(Guid? Upload, DatasetProfile? Profile, DatasetFileProblem? Problem);
