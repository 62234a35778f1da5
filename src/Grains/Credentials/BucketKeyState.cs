using PPipe.Grains.Interfaces.Credentials;

namespace PPipe.Grains.Credentials;

[GenerateSerializer, Alias("ppipe.BucketKeyState")]
internal sealed class BucketKeyState
{
    [Id(0)] public BucketKey? Key { get; set; }

    /// <summary>The key was replaced (a re-issue) or its student removed: it opens nothing any more.</summary>
    [Id(1)] public bool Revoked { get; set; }
}
