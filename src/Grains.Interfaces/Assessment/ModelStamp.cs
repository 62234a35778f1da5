namespace PPipe.Grains.Interfaces.Assessment;

/// <summary>
/// The model a probe answer or a batch submission said made it, as read and checked by the platform: the student's name
/// for the version (at most 64 characters), the last release seq it was trained on, and an optional digest of the model
/// file (at most 128 characters).
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.ModelStamp")]
public sealed record ModelStamp(string Version, int TrainedThrough, string? Digest);
