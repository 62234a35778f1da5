namespace PPipe.Simulation.Learning;

/// <summary>Which learner a simulated student fits its models with.</summary>
public enum LearnerKind
{
    /// <summary>Ridge or logistic regression on encoded features (<see cref="Learner"/>): what a student fits in an afternoon.</summary>
    Linear,

    /// <summary>Gradient-boosted trees (<see cref="BoostedTreesLearner"/>): the flexible model a stronger student reaches for.</summary>
    BoostedTrees,
}
