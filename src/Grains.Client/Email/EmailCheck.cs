using System.Collections.Frozen;
using System.Text.RegularExpressions;
using PPipe.Grains.Interfaces.Email;

namespace PPipe.Grains.Client.Email;

/// <summary>
/// Whether an address given on a public form is one the platform mails: one plain ASCII address (no display name, no
/// quoted or bracketed parts, no internationalized domain), a domain with a dot, within RFC 5321's lengths, and not at a
/// well-known disposable mail service (<c>DisposableDomains.txt</c>, shipped with the platform).
/// </summary>
public static partial class EmailCheck
{
    /// <summary>The longest name a person may give.</summary>
    public const int MaxNameLength = 200;

    private static readonly FrozenSet<string> Disposable = ReadDisposable();

    /// <summary>
    /// What is wrong with <paramref name="address"/> (as typed), or null when it is accepted. Disposable addresses are
    /// refused unless <paramref name="refuseDisposable"/> is false (to look up an address an instructor gave).
    /// </summary>
    public static string? Problem(string? address, bool refuseDisposable = true)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return "Give your e-mail address.";
        }

        var normalized = EmailAddress.Normalize(address);
        if (normalized.Length > EmailAddress.MaxLength)
        {
            return $"An e-mail address has at most {EmailAddress.MaxLength} characters.";
        }

        var at = normalized.LastIndexOf('@');
        if (!AddressPattern().IsMatch(normalized) || at > 64 || normalized.Contains("..", StringComparison.Ordinal)
            || normalized.StartsWith('.') || normalized[at - 1] == '.')
        {
            return $"'{address.Trim()}' is not an e-mail address: write it as name@example.edu.";
        }

        var domain = EmailAddress.DomainOf(normalized);
        return refuseDisposable && IsDisposable(domain)
            ? $"Addresses at {domain} are disposable and stop working soon; give an address you will keep for the whole course."
            : null;
    }

    /// <summary>Whether <paramref name="domain"/> (lower case) is a listed disposable domain or one of its subdomains.</summary>
    public static bool IsDisposable(string domain)
    {
        for (var d = domain; ; d = d[(d.IndexOf('.') + 1)..])
        {
            if (Disposable.Contains(d))
            {
                return true;
            }

            if (!d.Contains('.', StringComparison.Ordinal))
            {
                return false;
            }
        }
    }

    /// <summary>What is wrong with a name a person gave, or null when it is fine.</summary>
    public static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Give your name."
        : name.Trim().Length > MaxNameLength ? $"A name has at most {MaxNameLength} characters."
        : name.Any(char.IsControl) ? "A name is one line of text."
        : null;

    private static FrozenSet<string> ReadDisposable()
    {
        using var stream = typeof(EmailCheck).Assembly.GetManifestResourceStream("PPipe.Grains.Client.Email.DisposableDomains.txt")
            ?? throw new InvalidOperationException("The list of disposable domains is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return lines.Where(l => !l.StartsWith('#')).Select(l => l.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);
    }

    // Local part: RFC 5322 atext and dots; domain: dot-separated LDH labels, the last alphabetic.
    [GeneratedRegex(@"^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex AddressPattern();
}
