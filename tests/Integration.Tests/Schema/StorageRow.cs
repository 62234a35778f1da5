namespace PPipe.Integration.Tests.Schema;

/// <summary>A row of <c>orleansstorage</c>: the seven identity values, the payload and the version.</summary>
public sealed record StorageRow(
    int GrainIdHash,
    long GrainIdN0,
    long GrainIdN1,
    int GrainTypeHash,
    string GrainTypeString,
    string? GrainIdExtensionString,
    string ServiceId,
    byte[]? PayloadBinary,
    int? Version);
