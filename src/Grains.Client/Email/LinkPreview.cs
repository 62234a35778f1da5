namespace PPipe.Grains.Client.Email;

/// <summary>What a one-time link is for, shown before the person uses it: whether it still works and the course it names.</summary>
public sealed record LinkPreview(LinkOutcome Outcome, string? CohortName);
