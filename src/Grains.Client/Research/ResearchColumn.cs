namespace PPipe.Grains.Client.Research;

/// <summary>One column of a research file: its name, type, whether it can be empty, and what it means.</summary>
public sealed record ResearchColumn(string Name, ResearchColumnType Type, bool Nullable, string Meaning);
