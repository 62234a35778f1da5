using Microsoft.Extensions.Options;
using PPipe.Grains.Client.Outbound;

namespace PPipe.Frontend.Students;

/// <summary>
/// Checks a URL a student registers for the platform to call (webhook or model endpoint): form, scheme,
/// and every address its host resolves to, against the operator's outbound rules.
/// </summary>
public sealed class WebhookUrlCheck(IOptions<OutboundOptions> options)
{
    public const int MaxLength = 2048;

    /// <summary>A message saying what is wrong with the URL, or null when it is usable.</summary>
    public async ValueTask<string?> ProblemWithAsync(string? url, CancellationToken cancellationToken)
    {
        if (url is { Length: > MaxLength })
        {
            return $"The URL is longer than {MaxLength} characters.";
        }

        var check = await OutboundUrl.ValidateAsync(url, options.Value, cancellationToken);
        return check.IsValid ? null : check.Error;
    }
}
