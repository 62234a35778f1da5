namespace PPipe.Scenarios;

/// <summary>What the student's model predicts.</summary>
public enum ScenarioTask
{
    Binary,
    Multiclass,
    Regression,

    /// <summary>A number per series and future time step: rows are (series, time), and batches ask for the
    /// next horizon of every series.</summary>
    Forecast,
}
