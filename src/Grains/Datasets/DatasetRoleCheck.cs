using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Datasets;

namespace PPipe.Grains.Datasets;

/// <summary>
/// Whether the columns an instructor names can play their roles, judged from the version's profile: the target needs
/// at least two values, the id column unique values, the time column values that all read as times.
/// </summary>
internal static class DatasetRoleCheck
{
    public static ImmutableArray<RoleProblem> Problems(DatasetProfile profile, DatasetRoles roles)
    {
        var problems = ImmutableArray.CreateBuilder<RoleProblem>();
        var columns = profile.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);

        ColumnProfile? Find(string field, string? name)
        {
            if (name is null)
            {
                return null;
            }

            if (columns.TryGetValue(name, out var column))
            {
                return column;
            }

            problems.Add(new RoleProblem(field, $"There is no column '{name}' in this dataset; its columns are {string.Join(", ", columns.Keys.Select(k => $"'{k}'"))}."));
            return null;
        }

        if (string.IsNullOrWhiteSpace(roles.Target))
        {
            problems.Add(new RoleProblem("target", "Name the column to predict."));
        }
        else if (Find("target", roles.Target) is { } target)
        {
            if (target.Distinct < 2)
            {
                problems.Add(new RoleProblem("target", $"Column '{target.Name}' has {(target.Distinct == 0 ? "no values" : "a single value")}: a target needs at least two."));
            }

            if (target.Missing > 0)
            {
                problems.Add(new RoleProblem("target", $"Column '{target.Name}' is missing in {target.Missing} row(s): every row needs its label."));
            }
        }

        if (Find("idColumn", roles.IdColumn) is { } id)
        {
            if (id.Missing > 0)
            {
                problems.Add(new RoleProblem("idColumn", $"Column '{id.Name}' is missing in {id.Missing} row(s): every row needs its id."));
            }
            else if (id.FirstDuplicateRow is { } row)
            {
                problems.Add(new RoleProblem("idColumn", $"Column '{id.Name}' has duplicates: row {row} repeats an earlier row's value."));
            }
            else if (id.Distinct < profile.Rows && (id.DistinctExact || id.Distinct < profile.Rows * 0.98))
            {
                problems.Add(new RoleProblem("idColumn", $"Column '{id.Name}' has duplicates: about {id.Distinct} distinct values in {profile.Rows} rows."));
            }
        }

        if (Find("timeColumn", roles.TimeColumn) is { } time)
        {
            if (time.Type != ColumnType.Timestamp)
            {
                var example = time.FirstNonTimestampRow is { } row ? $" (row {row}: '{time.FirstNonTimestampValue}')" : "";
                problems.Add(new RoleProblem("timeColumn", $"Column '{time.Name}' does not parse as times{example}; write times as ISO 8601, such as 2024-03-01T08:00:00Z."));
            }
            else if (time.Missing > 0)
            {
                problems.Add(new RoleProblem("timeColumn", $"Column '{time.Name}' is missing in {time.Missing} row(s): every row needs its time."));
            }
        }

        if (roles.Target is not null && (roles.Target == roles.IdColumn || roles.Target == roles.TimeColumn))
        {
            problems.Add(new RoleProblem("target", $"Column '{roles.Target}' cannot be the target and also the id or time column."));
        }

        return problems.ToImmutable();
    }
}
