namespace PPipe.Simulation.Students;

/// <summary>A model the student fitted: on which releases and how many rows, when, and how long the fit took.</summary>
public sealed record ModelTraining(DateTimeOffset At, IReadOnlyList<int> Releases, int Rows, TimeSpan FitTime);
