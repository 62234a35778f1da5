namespace PPipe.Simulation.Learning;

/// <summary>
/// A model's answer for one row. Regression: <see cref="Value"/> is the prediction, <see cref="Label"/> is null.
/// Classification: <see cref="Label"/> is the most likely class, <see cref="Value"/> its index in
/// <see cref="Model.Classes"/>, and for binary tasks <see cref="Probability"/> is the probability of
/// <see cref="Model.PositiveClass"/>.
/// </summary>
public readonly record struct Prediction(double Value, string? Label, double? Probability);
