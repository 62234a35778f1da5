using System.Globalization;
using System.Text;
using PPipe.Simulation.Demo;

namespace PPipe.Cluster.Soak.Admin;

/// <summary>Rosters as an instructor exports them: simulated students first (the demo's archetype mix), then the rest.</summary>
public static class RosterBuilder
{
    public static (IReadOnlyList<RosterRow> Rows, IReadOnlyList<DemoRosterEntry> Simulated) Build(int cohort, int size, int simulated)
    {
        var sims = simulated > 0 ? DemoCohort.Roster(simulated) : [];
        var rows = new List<RosterRow>(size);
        rows.AddRange(sims.Select(s => new RosterRow(s.StudentId, s.Name, $"{s.StudentId}.c{cohort}@example.org")));
        for (var i = rows.Count; i < size; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"c{cohort:00}-s{i:000000}");
            rows.Add(new RosterRow(id, $"Student {cohort}.{i}", id + "@example.org"));
        }

        return (rows, sims);
    }

    public static string Csv(IEnumerable<RosterRow> rows)
    {
        var csv = new StringBuilder("studentId,name,email\n");
        foreach (var row in rows)
        {
            csv.Append(Field(row.StudentId)).Append(',').Append(Field(row.Name)).Append(',').Append(Field(row.Email)).Append('\n');
        }

        return csv.ToString();
    }

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
