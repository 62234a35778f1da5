using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>The outcome of an upload: its status, the version concerned, and the spec's problems or why it conflicts.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.InstrumentUpload")]
public sealed record InstrumentUpload(InstrumentUploadStatus Status, int? Version, ImmutableArray<InstrumentSpecProblem> Problems, string? Detail);
