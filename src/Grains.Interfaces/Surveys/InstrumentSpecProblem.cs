namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>One problem of an instrument spec: where (<c>sections[0].items[2].answer</c>) and what to do about it.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.InstrumentSpecProblem")]
public sealed record InstrumentSpecProblem(string Path, string Message);
