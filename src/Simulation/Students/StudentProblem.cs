namespace PPipe.Simulation.Students;

/// <summary>Something that went wrong in a step of the student's loop (it was retried later).</summary>
public sealed record StudentProblem(DateTimeOffset At, string Operation, string Message);
