using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Frontend.Cohorts;

/// <summary>
/// Reads a roster (CSV <c>studentId,name,email</c> or a JSON list of the same fields) into rows and
/// per-row errors. Every row is checked, and every problem is reported, before anything is enrolled: the admin API and
/// the instructors' import both refuse the whole file while any row is wrong (a student listed twice included).
/// </summary>
public static partial class RosterParser
{
    public const int MaxRows = 50_000;
    private const int MaxNameLength = 200;

    public sealed record Result(List<NumberedRosterRow> Rows, List<RowError> Errors)
    {
        /// <summary>The row each student id was first seen in, to catch a student listed twice.</summary>
        internal Dictionary<string, int> FirstRows { get; } = new(StringComparer.Ordinal);
    }

    public sealed record RowError(int Row, string? StudentId, string Field, string Message);

    public static async Task<Result> ReadCsvAsync(Stream body, CancellationToken cancellationToken)
    {
        var result = new Result([], []);
        using var reader = new StreamReader(body);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            DetectDelimiter = false,
            MissingFieldFound = null,
            BadDataFound = null,
        };
        using var csv = new CsvReader(reader, config);
        if (!await csv.ReadAsync() || !csv.ReadHeader())
        {
            result.Errors.Add(new RowError(0, null, "header", "The roster is empty: expected a header 'studentId,name,email' and one row per student."));
            return result;
        }

        var header = csv.HeaderRecord ?? [];
        var missing = new[] { "studentId", "name", "email" }
            .Where(h => !header.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            result.Errors.Add(new RowError(0, null, "header",
                $"The header lacks {string.Join(", ", missing)}: expected 'studentId,name,email' (found '{string.Join(",", header)}')."));
            return result;
        }

        var row = 0;
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            row++;
            if (row > MaxRows)
            {
                result.Errors.Add(new RowError(row, null, "row", $"A roster has at most {MaxRows} rows; split it into several requests."));
                break;
            }

            Check(result, row, Field(csv, header, "studentId"), Field(csv, header, "name"), Field(csv, header, "email"));
        }

        if (row == 0)
        {
            result.Errors.Add(new RowError(0, null, "row", "The roster has a header but no students."));
        }

        return result;
    }

    public static Result ReadJson(JsonElement document)
    {
        var result = new Result([], []);
        var list = document.ValueKind == JsonValueKind.Object && document.TryGetProperty("students", out var students) ? students : document;
        if (list.ValueKind != JsonValueKind.Array)
        {
            result.Errors.Add(new RowError(0, null, "body", "Send a JSON array of {\"studentId\", \"name\", \"email\"} objects (or {\"students\": [...]})."));
            return result;
        }

        var row = 0;
        foreach (var item in list.EnumerateArray())
        {
            row++;
            if (row > MaxRows)
            {
                result.Errors.Add(new RowError(row, null, "row", $"A roster has at most {MaxRows} rows; split it into several requests."));
                break;
            }

            if (item.ValueKind != JsonValueKind.Object)
            {
                result.Errors.Add(new RowError(row, null, "row", "Each student must be an object with studentId, name and email."));
                continue;
            }

            Check(result, row, Text(item, "studentId"), Text(item, "name"), Text(item, "email"));
        }

        if (row == 0)
        {
            result.Errors.Add(new RowError(0, null, "row", "The roster lists no students."));
        }

        return result;
    }

    private static void Check(Result result, int row, string? studentId, string? name, string? email)
    {
        var errors = result.Errors.Count;
        if (string.IsNullOrWhiteSpace(studentId))
        {
            result.Errors.Add(new RowError(row, null, "studentId", "studentId is empty."));
        }
        else if (!StudentIdPattern().IsMatch(studentId))
        {
            result.Errors.Add(new RowError(row, studentId, "studentId",
                "studentId must be 1 to 64 characters from letters, digits, '.', '_', '-' and '@'."));
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            result.Errors.Add(new RowError(row, studentId, "name", "name is empty."));
        }
        else if (name.Length > MaxNameLength)
        {
            result.Errors.Add(new RowError(row, studentId, "name", $"name is longer than {MaxNameLength} characters."));
        }

        if (!string.IsNullOrWhiteSpace(email) && !EmailPattern().IsMatch(email))
        {
            result.Errors.Add(new RowError(row, studentId, "email", $"'{email}' is not an e-mail address."));
        }

        if (!string.IsNullOrWhiteSpace(studentId) && !result.FirstRows.TryAdd(studentId, row))
        {
            result.Errors.Add(new RowError(row, studentId, "studentId", $"studentId '{studentId}' is listed twice (first in row {result.FirstRows[studentId]})."));
        }

        if (result.Errors.Count == errors)
        {
            result.Rows.Add(new NumberedRosterRow(row, new RosterRow(studentId!, name!.Trim(), email?.Trim() ?? "")));
        }
    }

    /// <summary>Whether <paramref name="studentId"/> is one a roster may carry: 1 to 64 letters, digits, '.', '_', '-' and '@'.</summary>
    public static bool IsStudentId(string? studentId) => studentId is not null && StudentIdPattern().IsMatch(studentId);

    private static string? Field(CsvReader csv, string[] header, string name)
    {
        var index = Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        return csv.TryGetField<string>(index, out var value) ? value : null;
    }

    private static string? Text(JsonElement item, string name) =>
        item.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value is
        { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex StudentIdPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
