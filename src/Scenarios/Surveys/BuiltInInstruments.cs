using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace PPipe.Scenarios.Surveys;

/// <summary>The instruments built into the platform, read from the assembly once. Their ids are reserved: uploads cannot use them.</summary>
public static class BuiltInInstruments
{
    public const string MlopsSkillsId = "mlops-skills";

    /// <summary>The end-of-cohort course feedback form.</summary>
    public const string CourseFeedbackId = "course-feedback";

    private static readonly Lazy<List<(SurveyInstrument Instrument, string Text)>> Ordered = new(Read);

    private static readonly Lazy<FrozenDictionary<(string Id, int Version), (SurveyInstrument Instrument, string Text)>> All = new(Load);

    /// <summary>The MLOps skills instrument, version 1.</summary>
    public static SurveyInstrument MlopsSkills => All.Value[(MlopsSkillsId, 1)].Instrument;

    /// <summary>Every built-in instrument version with its spec text, the skills instrument first.</summary>
    public static IEnumerable<(SurveyInstrument Instrument, string Text)> Versions => Ordered.Value;

    /// <summary>The course feedback form, version 1.</summary>
    public static SurveyInstrument CourseFeedback => All.Value[(CourseFeedbackId, 1)].Instrument;

    public static bool IsReserved(string id) => id is MlopsSkillsId or CourseFeedbackId;

    public static bool TryGet(string id, int version, [NotNullWhen(true)] out SurveyInstrument? instrument)
    {
        instrument = All.Value.TryGetValue((id, version), out var found) ? found.Instrument : null;
        return instrument is not null;
    }

    /// <summary>The spec text of a built-in version, or null.</summary>
    public static string? TextOf(string id, int version) => All.Value.TryGetValue((id, version), out var found) ? found.Text : null;

    private static FrozenDictionary<(string, int), (SurveyInstrument, string)> Load() =>
        Ordered.Value.ToFrozenDictionary(v => (v.Instrument.Id, v.Instrument.Version), v => (v.Instrument, v.Text));

    private static List<(SurveyInstrument Instrument, string Text)> Read() => [.. ((string[])[MlopsSkillsId, CourseFeedbackId]).Select(id =>
    {
        using var stream = typeof(BuiltInInstruments).Assembly.GetManifestResourceStream($"surveys/{id}.yaml")
            ?? throw new InvalidOperationException($"The built-in survey instrument {id} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var read = SurveySpecReader.Read(text);
        if (!read.IsValid)
        {
            throw new InvalidOperationException($"The built-in survey instrument {id} does not validate: {string.Join("; ", read.Errors)}");
        }

        return (read.Instrument, text);
    })];
}
