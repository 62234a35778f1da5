namespace PPipe.Frontend.Students;

/// <summary>Checks a URL a student registers for the platform to call (webhook or model endpoint).</summary>
public sealed class WebhookUrlCheck
{
    public const int MaxLength = 2048;

    /// <summary>A message saying what is wrong with the URL, or null when it is usable.</summary>
    public ValueTask<string?> ProblemWithAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return ValueTask.FromResult<string?>("Give the URL as {\"url\": \"https://...\"}.");
        }

        if (url.Length > MaxLength)
        {
            return ValueTask.FromResult<string?>($"The URL is longer than {MaxLength} characters.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return ValueTask.FromResult<string?>($"'{url}' is not an absolute http or https URL.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return ValueTask.FromResult<string?>("The URL must not carry a user name or password.");
        }

        return ValueTask.FromResult<string?>(null);
    }
}
