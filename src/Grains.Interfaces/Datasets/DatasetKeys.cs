namespace PPipe.Grains.Interfaces.Datasets;

/// <summary>How datasets are named and their versions' grains keyed.</summary>
public static class DatasetKeys
{
    /// <summary>The longest dataset id.</summary>
    public const int MaxIdLength = 64;

    /// <summary>The key of the grain of version <paramref name="version"/> of dataset <paramref name="datasetId"/>.</summary>
    public static string Version(string datasetId, int version) =>
        FormattableString.Invariant($"{datasetId}/{version}");

    /// <summary>Whether <paramref name="id"/> is a valid dataset id: lower-case letters, digits and dashes, starting with a letter.</summary>
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxIdLength && id[0] is >= 'a' and <= 'z'
        && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
