using System.Net;
using System.Net.Sockets;

namespace PPipe.Grains.Client.Outbound;

/// <summary>
/// Registration-time checks for a URL the platform will call (model endpoint, webhook). The errors
/// are written for the student and fit a 422 as they are. Passing here is not a permission to
/// connect: the grains' outbound HTTP client checks the address again on every connection.
/// </summary>
public static class OutboundUrl
{
    public const int MaxLength = 2048;

    /// <summary>Checks the form of the URL and, when its host is a literal address, that address. No DNS.</summary>
    public static OutboundUrlCheck Validate(string? url, OutboundOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(url))
        {
            return OutboundUrlCheck.Invalid("The URL is empty.");
        }

        if (url.Length > MaxLength)
        {
            return OutboundUrlCheck.Invalid($"The URL is longer than {MaxLength} characters.");
        }

        // On Linux, Uri also reads "/predict" as an absolute file URI; that is a relative URL here.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.IsFile && !url.StartsWith(Uri.UriSchemeFile + ":", StringComparison.OrdinalIgnoreCase)))
        {
            return OutboundUrlCheck.Invalid($"'{url}' is not an absolute http:// or https:// URL (for example https://model.example.org/predict).");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return OutboundUrlCheck.Invalid($"The URL must use http or https, not '{uri.Scheme}'.");
        }

        if (uri.UserInfo.Length > 0)
        {
            return OutboundUrlCheck.Invalid("The URL must not contain a user name or password.");
        }

        if (uri.IdnHost.Length == 0)
        {
            return OutboundUrlCheck.Invalid("The URL has no host.");
        }

        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal)
            && OutboundAddressPolicy.WhyForbidden(literal, options) is { } reason)
        {
            return OutboundUrlCheck.Invalid($"The URL's host {literal} is {reason}, which the platform does not call.");
        }

        return OutboundUrlCheck.Valid(uri);
    }

    /// <summary>
    /// <see cref="Validate"/>, then resolves the host and refuses it when the name does not resolve or
    /// when any of its addresses is forbidden. Resolution is bounded by <see cref="OutboundOptions.ConnectTimeout"/>.
    /// </summary>
    public static async Task<OutboundUrlCheck> ValidateAsync(string? url, OutboundOptions options, CancellationToken cancellationToken)
    {
        var check = Validate(url, options);
        if (check.Url is not { } uri)
        {
            return check;
        }

        IPAddress[] addresses;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.ConnectTimeout);
        try
        {
            addresses = await HostAddresses.ResolveAsync(uri.IdnHost, deadline.Token);
        }
        catch (SocketException)
        {
            return OutboundUrlCheck.Invalid($"The host '{uri.Host}' does not resolve.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return OutboundUrlCheck.Invalid($"The host '{uri.Host}' did not resolve within {options.ConnectTimeout.TotalSeconds:0.#} s.");
        }

        foreach (var address in addresses)
        {
            if (OutboundAddressPolicy.WhyForbidden(address, options) is { } reason)
            {
                return OutboundUrlCheck.Invalid($"The host '{uri.Host}' resolves to {address}, {reason}, which the platform does not call.");
            }
        }

        return check;
    }
}
