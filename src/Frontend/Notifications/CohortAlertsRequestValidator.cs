using System.Net.Mail;
using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Frontend.Notifications;

/// <summary>
/// Turns an instructor's digest and alert settings into <see cref="CohortAlerts"/>, the same for the admin API and the
/// instructors' page, naming every field that needs fixing; a field left out takes its default
/// (<see cref="CohortAlerts.Default"/>), and nothing is stored while anything is wrong.
/// </summary>
public static class CohortAlertsRequestValidator
{
    public const int MaxContactNameLength = 200;
    public const int MaxMinimumEndpoints = 1_000_000;

    /// <summary>The outcome: the settings (trimmed; blank contact fields are none) when valid, otherwise the errors by field.</summary>
    public sealed record Result(CohortAlerts? Alerts, Dictionary<string, string[]> Errors)
    {
        public bool IsValid => Errors.Count == 0;
    }

    public static Result Validate(CohortAlertsRequest? request)
    {
        request ??= new CohortAlertsRequest(null, null, null, null, null, null, null);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var email = string.IsNullOrWhiteSpace(request.ContactEmail) ? null : request.ContactEmail.Trim();
        if (email is not null && !IsAddress(email))
        {
            errors["contactEmail"] = [$"'{email}' is not an e-mail address (name@example.edu)."];
        }

        if (request.ContactName is { Length: > MaxContactNameLength })
        {
            errors["contactName"] = [$"The contact's name is at most {MaxContactNameLength} characters."];
        }

        if (request.DigestHourUtc is < 0 or > 23)
        {
            errors["digestHourUtc"] = ["The digest's hour is from 0 to 23 (UTC)."];
        }

        if (request.EndpointsDownShare is { } share && (share is <= 0 or > 1 || double.IsNaN(share)))
        {
            errors["endpointsDownShare"] = ["The share of endpoints down that raises the alert is above 0 and at most 1 (0.25 is a quarter)."];
        }

        if (request.MinimumEndpoints is < 1 or > MaxMinimumEndpoints)
        {
            errors["minimumEndpoints"] = ["The endpoints registered before the alert means anything: from 1 to 1,000,000."];
        }

        if (errors.Count > 0)
        {
            return new Result(null, errors);
        }

        var defaults = CohortAlerts.Default;
        var alerts = new CohortAlerts(email, string.IsNullOrWhiteSpace(request.ContactName) ? null : request.ContactName.Trim(),
            request.DailyDigest ?? defaults.DailyDigest, request.DigestHourUtc ?? defaults.DigestHourUtc, request.EndpointAlerts ?? defaults.EndpointAlerts,
            request.EndpointsDownShare ?? defaults.EndpointsDownShare, request.MinimumEndpoints ?? defaults.MinimumEndpoints);
        return new Result(alerts, errors);
    }

    /// <summary>A single plain address with a dotted domain: what a contact needs to be reachable.</summary>
    private static bool IsAddress(string value) =>
        value.Length <= 254 && MailAddress.TryCreate(value, out var address) && address.Address == value && address.Host.Contains('.', StringComparison.Ordinal);
}
