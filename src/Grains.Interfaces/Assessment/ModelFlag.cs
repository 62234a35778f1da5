namespace PPipe.Grains.Interfaces.Assessment;

/// <summary>What a model version's lineage claims that the platform's own records contradict.</summary>
[GenerateSerializer, Alias("ppipe.ModelFlag")]
public enum ModelFlag
{
    /// <summary>It claims training through a release the student had not fetched when the version was first seen.</summary>
    UnfetchedData,

    /// <summary>It claims training through a release that had not been released when the version was first seen.</summary>
    UnreleasedData,

    /// <summary>The version's name came back with another trainedThrough or digest: one name for two models.</summary>
    ReusedVersion,
}
