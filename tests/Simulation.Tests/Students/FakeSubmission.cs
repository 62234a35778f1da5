namespace PPipe.Simulation.Tests.Students;

/// <summary>A submission the fake platform received.</summary>
public sealed record FakeSubmission(string Student, int Seq, DateTimeOffset At, string ContentType, string Body, bool Late);
