using PPipe.Scenarios.Spec;

namespace PPipe.Scenarios.Surveys;

/// <summary>
/// Reads a survey instrument spec (YAML, or JSON with the same keys) and validates it, reporting every problem at once with
/// its path (<c>sections[1].items[0].answer</c>), as scenario specs are read.
/// </summary>
public static class SurveySpecReader
{
    public static SurveyReadResult Read(string text)
    {
        var errors = new List<SpecError>();
        var root = SpecDocument.Parse(text, errors, "lines like 'id: my-survey' and 'version: 1'");
        var instrument = root is null ? null : new SurveySpecValidator(errors).Validate(root);
        return new SurveyReadResult(errors.Count == 0 ? instrument : null, errors);
    }
}
