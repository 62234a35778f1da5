namespace PPipe.Grains.Interfaces.Roster;

/// <summary>A student's score in [0, 1] on one rubric criterion, by the criterion's camelCase name (<c>batchQuality</c>).</summary>
[GenerateSerializer, Immutable, Alias("ppipe.CriterionScore")]
public sealed record CriterionScore(string Name, double Score);
