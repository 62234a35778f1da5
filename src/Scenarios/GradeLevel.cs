using System.Text.Json.Serialization;

namespace PPipe.Scenarios;

/// <summary>
/// Rubric levels, as university MLOps courses grade them. The public API (api-v1) fixes their spelling as the
/// C# names, <c>NotYetProficient</c> to <c>Expert</c>, unlike the camelCase of every other enum: hence the names below.
/// </summary>
public enum GradeLevel
{
    [JsonStringEnumMemberName("NotYetProficient")]
    NotYetProficient,

    [JsonStringEnumMemberName("Proficient")]
    Proficient,

    [JsonStringEnumMemberName("Advanced")]
    Advanced,

    [JsonStringEnumMemberName("Expert")]
    Expert,
}
