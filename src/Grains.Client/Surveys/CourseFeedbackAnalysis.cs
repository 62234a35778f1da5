using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Interfaces.Surveys;
using PPipe.Scenarios.Surveys;

namespace PPipe.Grains.Client.Surveys;

/// <summary>
/// Aggregates a cohort's course feedback: only students on the roster and not removed count (consent is not asked: the
/// feedback is about the course, for its instructors, and shows no names). Pure, like <see cref="SurveyAnalysis"/>.
/// </summary>
public static class CourseFeedbackAnalysis
{
    public static CourseFeedback Compute(string cohortId, SurveyInstrument instrument, IEnumerable<StudentStanding> roster,
        IEnumerable<SurveyResponseRow> rows, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(rows);
        var enrolled = roster.Where(s => s.RemovedAt is null).Select(s => s.StudentId).ToHashSet(StringComparer.Ordinal);
        var tallies = ItemTally.CountedItems(instrument).Select(i => new ItemTally(i)).ToList();
        var byId = tallies.ToDictionary(t => t.Item.Id, StringComparer.Ordinal);
        var comments = new List<CourseFeedback.Comment>();
        var submitted = 0;
        foreach (var row in rows)
        {
            if (!enrolled.Contains(row.StudentId) || row.Feedback is not { } feedback)
            {
                continue;
            }

            submitted++;
            foreach (var answer in feedback.Answers)
            {
                if (answer.Text is { } text && instrument.Items.TryGetValue(answer.ItemId, out var textItem) && textItem.Kind == SurveyItemKind.Text)
                {
                    comments.Add(new(answer.ItemId, text, feedback.SubmittedAt));
                }
                else if (byId.TryGetValue(answer.ItemId, out var tally))
                {
                    tally.Add(answer);
                }
            }
        }

        var ordered = comments.OrderByDescending(c => c.SubmittedAt).ThenBy(c => c.ItemId, StringComparer.Ordinal).ThenBy(c => c.Text, StringComparer.Ordinal).ToList();
        return new CourseFeedback(cohortId, new(instrument.Id, instrument.Version, instrument.Title), enrolled.Count, submitted,
            [.. tallies.Select(t => new CourseFeedback.ItemCounts(t.Item.Id, t.Kind, t.Item.Text, t.Labels, t.Counts, t.Answered))],
            [.. ordered.Skip((page - 1) * pageSize).Take(pageSize)], page, pageSize, ordered.Count);
    }
}
