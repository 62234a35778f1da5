namespace PPipe.Grains.Client.Outbound;

/// <summary>The outcome of checking a URL a student registered: the parsed URL, or why it is refused.</summary>
public sealed record OutboundUrlCheck(Uri? Url, string? Error)
{
    public bool IsValid => Error is null;

    internal static OutboundUrlCheck Valid(Uri url) => new(url, null);

    internal static OutboundUrlCheck Invalid(string error) => new(null, error);
}
