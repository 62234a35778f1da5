namespace PPipe.Frontend.Surveys;

/// <summary>One problem of a refused instrument spec (the 422's <c>errors</c>): its path in the spec, and what is wrong.</summary>
public sealed record InstrumentProblemView(string Path, string Message);
