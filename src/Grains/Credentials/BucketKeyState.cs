using PPipe.Grains.Interfaces.Credentials;

namespace PPipe.Grains.Credentials;

[GenerateSerializer, Alias("ppipe.BucketKeyState")]
internal sealed class BucketKeyState
{
    [Id(0)] public BucketKey? Key { get; set; }
}
