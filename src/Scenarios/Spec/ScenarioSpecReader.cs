using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Templates;
using PPipe.Scenarios.Validation;

namespace PPipe.Scenarios.Spec;

/// <summary>
/// Reads a spec (YAML, or JSON with the same keys), lays it over its template's defaults, validates it
/// and resolves it into a <see cref="Scenario"/>. Reports every error at once, each with its path.
/// </summary>
public static class ScenarioSpecReader
{
    public static SpecReadResult Read(string text) => Read(text, null);

    /// <summary>
    /// Reads a spec that may name a dataset: <paramref name="dataset"/> is the template built from the dataset version it
    /// names (see <see cref="DatasetOf"/> and <see cref="DatasetTemplates"/>), or null when it names none or it could not be read.
    /// </summary>
    public static SpecReadResult Read(string text, ScenarioTemplate? dataset)
    {
        var spec = Parse(text, out var errors);
        return spec is null ? new SpecReadResult(null, errors) : Resolve(spec, errors, dataset);
    }

    /// <summary>The dataset a spec names, the task it asks for (if any), its seed (1 unless written) and a forecast's series
    /// column, or null when it names none or does not parse; what loads the dataset reads this first.</summary>
    public static DatasetUse? DatasetOf(string text)
    {
        var spec = Parse(text, out _);
        return spec?.Dataset is { } dataset
            ? new DatasetUse(dataset, ScenarioNames.TryParse<ScenarioTask>(spec.Task, out var task) ? task : null, (ulong)Math.Max(0, spec.Seed ?? 1),
                spec.Forecast?.Series)
            : null;
    }

    /// <summary>Validates and resolves a spec built in code (e.g. by an editor form).</summary>
    public static SpecReadResult Resolve(ScenarioSpec spec, ScenarioTemplate? dataset = null) => Resolve(spec, [], dataset);

    /// <summary>Parses text into a spec without validating it; structural errors (syntax, unknown keys,
    /// wrong types) go to <paramref name="errors"/>.</summary>
    internal static ScenarioSpec? Parse(string text, out List<SpecError> errors)
    {
        errors = [];
        var root = SpecDocument.Parse(text, errors);
        return root is null ? null : new SpecBinder(errors).Bind(root);
    }

    private static SpecReadResult Resolve(ScenarioSpec spec, List<SpecError> errors, ScenarioTemplate? dataset)
    {
        var template = spec.Dataset is not null && spec.Template is null
            ? dataset
            : ScenarioTemplates.TryGet(spec.Template, out var builtIn) ? builtIn : null;
        var merged = template is null ? spec : SpecMerge.Over(spec, template.Defaults);
        var scenario = new ScenarioValidator(merged, template, errors).Validate();
        return new SpecReadResult(errors.Count == 0 ? scenario : null, errors);
    }
}
