using PPipe.Grains.Interfaces.Join;

namespace PPipe.Grains.Join;

[GenerateSerializer, Alias("ppipe.JoinLinkState")]
internal sealed class JoinLinkState
{
    [Id(0)] public JoinLink? Link { get; set; }
}
