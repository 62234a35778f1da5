using PPipe.Scenarios;

namespace PPipe.Simulation.Learning;

/// <summary>
/// A fitted model with the encoding of its input columns: linear (<see cref="Learner"/>) or gradient-boosted trees
/// (<see cref="BoostedTreesLearner"/>). Immutable and thread-safe: a student swaps the model it serves by replacing
/// the reference.
/// </summary>
public abstract class Model
{
    private protected Model(ScenarioTask task, string target, IReadOnlyList<string> classes, string? positiveClass, int trainingRows, TimeSpan fitTime)
    {
        Task = task;
        Target = target;
        Classes = classes;
        PositiveClass = positiveClass;
        TrainingRows = trainingRows;
        FitTime = fitTime;
    }

    public ScenarioTask Task { get; }

    public string Target { get; }

    /// <summary>The class labels seen in training, in ordinal order; empty for regression.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>For binary tasks, the class <see cref="Prediction.Probability"/> is about.</summary>
    public string? PositiveClass { get; }

    public int TrainingRows { get; }

    public TimeSpan FitTime { get; }

    /// <summary>The input columns the model reads.</summary>
    public abstract IReadOnlyList<string> Features { get; }

    /// <summary>One prediction per row; rows are matched to the training columns by name.</summary>
    public abstract IReadOnlyList<Prediction> Predict(DataTable rows);

    /// <summary>The prediction of a classifier that only ever saw one class.</summary>
    private protected Prediction OnlyClass() =>
        new(0, Classes[0], PositiveClass is null ? null : Classes[0] == PositiveClass ? 0.99 : 0.01);

    /// <summary>The prediction for a binary task from the probability of <see cref="Classes"/>[1].</summary>
    private protected Prediction Binary(double secondClass)
    {
        var positive = PositiveClass == Classes[1] ? secondClass : 1 - secondClass;
        var index = secondClass >= 0.5 ? 1 : 0;
        return new Prediction(index, Classes[index], positive);
    }

    internal static double Sigmoid(double eta) => eta >= 0 ? 1 / (1 + Math.Exp(-eta)) : Math.Exp(eta) / (1 + Math.Exp(eta));
}
