namespace PPipe.Frontend.Api;

/// <summary>Reads the credential of <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
public static class BearerToken
{
    private const string Prefix = "Bearer ";

    /// <summary>The token, or null when the header is missing, not a bearer credential, or empty.</summary>
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header.AsSpan(Prefix.Length).Trim();
        return token.IsEmpty ? null : token.ToString();
    }
}
