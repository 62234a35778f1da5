using System.Collections.Immutable;
using static PPipe.Grains.Client.Research.ResearchColumnType;

namespace PPipe.Grains.Client.Research;

/// <summary>The files of a research export and their columns: the one definition the writers and the data dictionary share.</summary>
public static class ResearchTables
{
    private const string PseudonymMeaning = "The student's pseudonym in this study: 16 hex characters, the same in every export of the study.";

    public static readonly ResearchTable SurveyAnswers = new("survey_answers", "one answer of one consenting student to one survey item",
    [
        new("pseudonym", Text, false, PseudonymMeaning),
        new("survey", Text, false, "pre or post: which of the cohort's surveys the answer was submitted to."),
        new("instrument", Text, false, "The instrument's id (mlops-skills for the built-in one)."),
        new("version", Integer, false, "The instrument's version."),
        new("item", Text, false, "The item's id in the instrument."),
        new("competence", Text, true, "The competence the item measures; empty when it names none."),
        new("kind", Text, false, "likert (a self-rating), single (one right option), multiple (a set of right options) or text (free text)."),
        new("answer", Text, false, "The answer as submitted: a rating, or the chosen option's index from 0; a multiple answer's indexes joined by ';' in ascending order; free text as written."),
        new("correct", ResearchColumnType.Boolean, true, "For single and multiple items with an answer key, whether the answer matches it exactly; empty for ratings and free text."),
        new("submitted_at", Timestamp, false, "When the student submitted the survey (UTC)."),
    ]);

    public static readonly ResearchTable Grades = new("grades", "one criterion (or the overall grade) of one consenting student, as of the export",
    [
        new("pseudonym", Text, false, PseudonymMeaning),
        new("criterion", Text, false, "The rubric criterion, or overall for the weighted overall grade."),
        new("weight", Number, true, "The criterion's weight in the overall score; empty for overall."),
        new("score", Number, true, "The score from 0 to 1; empty while nothing can be judged."),
        new("level", Text, true, "NotYetProficient, Proficient, Advanced or Expert; empty while nothing can be judged."),
        new("as_of", Timestamp, false, "When the grade was computed (UTC): the export's time."),
    ]);

    public static readonly ResearchTable DailyActivity = new("daily_activity", "one scenario day on which a consenting student has any evidence or a reported grade",
    [
        new("pseudonym", Text, false, PseudonymMeaning),
        new("day", Integer, false, "The scenario day, the first day being 1."),
        new("fetches", Integer, false, "Releases the student fetched for the first time that day."),
        new("batches_due", Integer, false, "Prediction batches due that day (by the student's deadlines, extensions included) and due by the export."),
        new("batches_submitted", Integer, false, "Of those, the batches the student submitted predictions for."),
        new("submissions", Integer, false, "Accepted submissions for the batches due that day."),
        new("batches_scored", Integer, false, "Of the batches due that day, those scored so far."),
        new("mean_relative_score", Number, true, "The mean relative score of the scored batches (0 the model never retrained, 1 the true concept; a batch without a submission scores 0); empty when none is scored."),
        new("probes", Integer, false, "Calls of the student's endpoint on schedule in the probe period starting that day (retries included)."),
        new("probes_failed", Integer, false, "Of those, the calls that failed (timeout, error status, wrong answer shape)."),
        new("overall_score", Number, true, "The student's overall score from 0 to 1 as last reported that day (the grade over time); empty on a day without a report or while nothing can be judged."),
        new("overall_level", Text, true, "The overall level as last reported that day: NotYetProficient, Proficient, Advanced or Expert; empty as overall_score is."),
    ]);

    /// <summary>The data dictionary itself, always CSV.</summary>
    public static readonly ResearchTable Dictionary = new("data_dictionary", "one column of one file of the export",
    [
        new("file", Text, false, "The file the column is in."),
        new("column", Text, false, "The column's name."),
        new("type", Text, false, "text, integer, number (64-bit floating point), boolean or timestamp (ISO 8601 text, UTC)."),
        new("nullable", ResearchColumnType.Boolean, false, "Whether the column can be empty."),
        new("meaning", Text, false, "What the column holds."),
    ]);

    /// <summary>The tables of student data, in the order the export writes them.</summary>
    public static readonly ImmutableArray<ResearchTable> Data = [SurveyAnswers, Grades, DailyActivity];

    /// <summary>The name of the scenario spec in the export.</summary>
    public const string ScenarioFile = "scenario.yaml";

    /// <summary>The dictionary's rows: every column of every data file, then the dictionary's own.</summary>
    public static IEnumerable<object?[]> DictionaryRows(ResearchFormat format) =>
        Data.Select(t => (Table: t, File: t.FileName(format)))
            .Append((Table: Dictionary, File: Dictionary.FileName(ResearchFormat.Csv)))
            .SelectMany(t => t.Table.Columns.Select(c => new object?[] { t.File, c.Name, c.Type.ToString().ToLowerInvariant(), c.Nullable, c.Meaning }));
}
