namespace PPipe.Scenarios;

/// <summary>What the student's model predicts.</summary>
public enum ScenarioTask
{
    Binary,
    Multiclass,
    Regression,
}
