namespace PPipe.Scenarios;

public static class ScenarioTaskExtensions
{
    /// <summary>True for the tasks that predict a number (regression and forecasts), false for those that predict a class.</summary>
    public static bool IsNumeric(this ScenarioTask task) => task is ScenarioTask.Regression or ScenarioTask.Forecast;
}
