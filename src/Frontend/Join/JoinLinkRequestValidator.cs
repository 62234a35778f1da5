using System.Text.RegularExpressions;
using PPipe.Frontend.Cohorts;
using PPipe.Grains.Client.Email;
using PPipe.Grains.Client.Roster;
using PPipe.Grains.Interfaces.Email;
using PPipe.Grains.Interfaces.Join;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Frontend.Join;

/// <summary>
/// Checks a join link's settings and allowlist, the same for the admin API and the instructors' page, naming every field
/// or allowlist row that needs fixing; nothing is stored while anything is wrong.
/// </summary>
public static partial class JoinLinkRequestValidator
{
    public const int MaxDomains = 50;
    public const int MaxCap = 1_000_000;

    /// <summary>
    /// The outcome: the settings and the allowlist (addresses normalized; null: keep the current one, empty: none) when
    /// valid, otherwise the errors by field.
    /// </summary>
    public sealed record Result(JoinSettings? Settings, IReadOnlyList<RosterRow>? Allowlist, Dictionary<string, string[]> Errors)
    {
        public bool IsValid => Errors.Count == 0;
    }

    public static async Task<Result> ValidateAsync(string cohortId, JoinLinkRequest request, RosterEnrollment roster, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(roster);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var domains = new List<string>();
        if (request.AllowedDomains is { } given)
        {
            if (given.Count > MaxDomains)
            {
                errors["allowedDomains"] = [$"At most {MaxDomains} domains."];
            }

            for (var i = 0; i < given.Count && i < MaxDomains; i++)
            {
                var domain = (given[i] ?? "").Trim().TrimStart('@').ToLowerInvariant();
                if (!DomainPattern().IsMatch(domain))
                {
                    errors[$"allowedDomains[{i}]"] = [$"'{given[i]}' is not a domain name such as example.edu."];
                }
                else if (!domains.Contains(domain))
                {
                    domains.Add(domain);
                }
            }
        }

        if (request.Cap is < 1 or > MaxCap)
        {
            errors["cap"] = [$"cap must be from 1 to {MaxCap}, or left out for no cap."];
        }

        if (request.ClosesAt is { } closes && closes <= now)
        {
            errors["closesAt"] = ["closesAt must be in the future, or left out for a link that stays open until it is closed."];
        }

        var allowlist = request.Allowlist is null ? null : CheckAllowlist(request.Allowlist, errors);
        if (errors.Count == 0 && allowlist is { Count: > 0 })
        {
            // A listed student whom the cohort already has under another name or address could never join: say so now.
            var conflicts = await roster.CheckAsync(cohortId, [.. allowlist.Select((row, i) => new NumberedRosterRow(i, row))]) ?? [];
            foreach (var conflict in conflicts)
            {
                errors[$"allowlist[{conflict.Row}].studentId"] = [conflict.Error!];
            }
        }

        return errors.Count > 0
            ? new Result(null, null, errors)
            : new Result(new JoinSettings([.. domains], request.Cap, request.ClosesAt, allowlist is { Count: > 0 }), allowlist, errors);
    }

    private static List<RosterRow> CheckAllowlist(IReadOnlyList<RosterRowRequest> rows, Dictionary<string, string[]> errors)
    {
        if (rows.Count > RosterParser.MaxRows)
        {
            errors["allowlist"] = [$"An allowlist has at most {RosterParser.MaxRows} students."];
            return [];
        }

        var students = new List<RosterRow>(rows.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var addresses = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var field = $"allowlist[{i}]";
            if (row is null)
            {
                errors[field] = ["Each student is {studentId, name, email}."];
                continue;
            }

            if (!RosterParser.IsStudentId(row.StudentId))
            {
                errors[$"{field}.studentId"] = ["studentId must be 1 to 64 characters from letters, digits, '.', '_', '-' and '@'."];
            }
            else if (!ids.Add(row.StudentId))
            {
                errors[$"{field}.studentId"] = [$"studentId '{row.StudentId}' is listed twice."];
            }

            if (EmailCheck.NameProblem(row.Name) is { } nameProblem)
            {
                errors[$"{field}.name"] = [nameProblem];
            }

            if (EmailCheck.Problem(row.Email, refuseDisposable: false) is { } emailProblem)
            {
                errors[$"{field}.email"] = [string.IsNullOrWhiteSpace(row.Email) ? "An allowlisted student needs an e-mail address: it is how they join." : emailProblem];
            }
            else if (!addresses.Add(EmailAddress.Normalize(row.Email!)))
            {
                errors[$"{field}.email"] = [$"'{row.Email}' is listed twice."];
            }

            if (!errors.Keys.Any(k => k.StartsWith(field + ".", StringComparison.Ordinal)))
            {
                students.Add(new RosterRow(row.StudentId, row.Name.Trim(), EmailAddress.Normalize(row.Email!)));
            }
        }

        return students;
    }

    [GeneratedRegex("^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$")]
    private static partial Regex DomainPattern();
}
