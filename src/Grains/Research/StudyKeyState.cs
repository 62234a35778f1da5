namespace PPipe.Grains.Research;

/// <summary>A study's secret, empty until first asked for.</summary>
[GenerateSerializer, Alias("ppipe.StudyKeyState")]
internal sealed class StudyKeyState
{
    [Id(0)] public byte[] Secret { get; set; } = [];

    [Id(1)] public DateTimeOffset CreatedAt { get; set; }
}
