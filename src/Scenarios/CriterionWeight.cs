namespace PPipe.Scenarios;

/// <summary>One rubric criterion and its share of the overall grade (the shares add up to 1).</summary>
public sealed record CriterionWeight(Criterion Criterion, double Weight);
