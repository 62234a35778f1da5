namespace PPipe.Scenarios;

/// <summary>
/// One named term of a world's true concept: the model's output is the sum of each effect's weight times
/// its value for the row. Concept drift changes weights by name. <see cref="Output"/> is the class whose
/// score the effect adds to (multiclass; 0 otherwise).
/// </summary>
public sealed record ConceptEffect(string Name, string Description, int Output, double Weight);
