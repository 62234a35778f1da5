namespace PPipe.Grains.Interfaces.Storage;

/// <summary>
/// Cluster storage (PostgreSQL) could not be reached or refused the operation for a reason a retry may cure: the
/// change was not made. Database drivers' own exceptions cannot cross a grain call, so silos turn them into this one,
/// which keeps what failed in its message; front ends answer it with 503 and <c>Retry-After</c>.
/// </summary>
[GenerateSerializer, Alias("ppipe.StorageUnavailableException")]
public sealed class StorageUnavailableException(string message) : Exception(message);
