namespace PPipe.Frontend.Scenarios;

/// <summary>One problem in a refused scenario spec (the 422's <c>errors</c>): where in the spec, and what is wrong.</summary>
public sealed record SpecErrorView(string Path, string Message);
