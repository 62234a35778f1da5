namespace PPipe.Scenarios.Spec;

/// <summary>One problem in a spec: where (<c>drift[2].at</c>; empty for the document itself) and what to do about it.</summary>
public sealed record SpecError(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
