namespace PPipe.Scenarios;

/// <summary>What follows from a task for the code that reads and writes predictions, so a new task is one place to teach.</summary>
public static class ScenarioTaskExtensions
{
    /// <summary>True for the tasks that predict a number (regression and forecasts), false for those that predict a class.</summary>
    public static bool IsNumeric(this ScenarioTask task) => task is ScenarioTask.Regression or ScenarioTask.Forecast;
}
