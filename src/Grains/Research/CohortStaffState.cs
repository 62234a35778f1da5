namespace PPipe.Grains.Research;

/// <summary>A cohort's staff: at most <c>ICohortStaffGrain.MaxStaff</c> normalized user names.</summary>
[GenerateSerializer, Alias("ppipe.CohortStaffState")]
internal sealed class CohortStaffState
{
    [Id(0)] public List<string> UserNames { get; set; } = [];
}
