namespace PPipe.Grains.Join;

[GenerateSerializer, Alias("ppipe.JoinCodeState")]
internal sealed class JoinCodeState
{
    [Id(0)] public string? CohortId { get; set; }
}
