namespace PPipe.Frontend.Join;

/// <summary>The pages mailed links and join links point at (relative to the platform's public address).</summary>
public static class JoinRoutes
{
    /// <summary>The public page of a join link.</summary>
    public static string PageOf(string code) => $"join/{Uri.EscapeDataString(code)}";
}
