using PPipe.Scenarios.Surveys;

namespace PPipe.Scenarios.Tests.Surveys;

/// <summary>Instrument specs: a valid one reads into its sections and items, and each kind of problem is named with its path.</summary>
public sealed class SurveySpecReaderTests
{
    private const string Valid = """
        id: course-check
        version: 2
        title: Course check
        competences:
          - {id: serving, title: Serving a model}
        sections:
          - id: s1
            title: Serving
            items:
              - {id: rate, kind: likert, competence: serving, text: I can serve a model}
              - {id: q1, kind: single, competence: serving, text: Which one?, options: [a, b, c], answer: 2}
              - {id: q2, kind: multiple, text: Which ones?, options: [a, b, c], answer: [2, 0]}
              - {id: why, kind: text, text: Why?, maxLength: 100}
        """;

    [Fact]
    public void Read_ValidYaml_SectionsItemsKeysAndDefaults()
    {
        var result = SurveySpecReader.Read(Valid);

        Assert.Empty(result.Errors);
        var instrument = result.Instrument!;
        Assert.Equal(("course-check", 2, "Course check"), (instrument.Id, instrument.Version, instrument.Title));
        var items = instrument.Sections.Single().Items;
        Assert.Equal(["rate", "q1", "q2", "why"], items.Select(i => i.Id));
        Assert.Equal([SurveyItemKind.Likert, SurveyItemKind.Single, SurveyItemKind.Multiple, SurveyItemKind.Text], items.Select(i => i.Kind));
        Assert.Equal(SurveyScale.Default, items[0].Scale);
        Assert.Equal([2], items[1].Key);
        Assert.Equal([0, 2], items[2].Key);
        Assert.Equal((100, false), (items[3].MaxLength, items[3].Required));
        Assert.True(items[0].Required);
    }

    [Fact]
    public void Read_SameInstrumentAsJson_ReadsTheSame()
    {
        const string json = """
            {"id": "course-check", "version": 1, "title": "Course check",
             "competences": [{"id": "serving", "title": "Serving"}],
             "sections": [{"id": "s1", "title": "S", "items": [
               {"id": "rate", "kind": "likert", "competence": "serving", "text": "I can", "required": false},
               {"id": "q1", "kind": "single", "text": "Which?", "options": ["a", "b"], "answer": 1}]}]}
            """;

        var result = SurveySpecReader.Read(json);

        Assert.Empty(result.Errors);
        Assert.Equal([false, true], result.Instrument!.Sections[0].Items.Select(i => i.Required));
        Assert.Equal([1], result.Instrument.Items["q1"].Key);
    }

    [Fact]
    public void BuiltIn_MlopsSkills_RatesTheSevenCompetencesAndChecksEachWithKnowledgeQuestions()
    {
        var instrument = BuiltInInstruments.MlopsSkills;

        Assert.Equal(("mlops-skills", 1), (instrument.Id, instrument.Version));
        Assert.Equal(["data-acquisition", "data-quality", "training-pipelines", "serving", "containers-cicd", "monitoring-drift", "reproducibility"],
            instrument.Competences.Select(c => c.Id));
        var items = instrument.Sections.SelectMany(s => s.Items).ToList();
        Assert.All(instrument.Competences, c =>
        {
            Assert.Single(items, i => i.Kind == SurveyItemKind.Likert && i.Competence == c.Id);
            Assert.InRange(items.Count(i => i.Kind is SurveyItemKind.Single or SurveyItemKind.Multiple && i.Competence == c.Id), 2, 3);
        });
        Assert.Equal(3, items.Count(i => i.Kind == SurveyItemKind.Text));
        Assert.True(BuiltInInstruments.IsReserved("mlops-skills"));
        Assert.NotNull(BuiltInInstruments.TextOf("mlops-skills", 1));
    }

    [Fact]
    public void BuiltIn_CourseFeedback_OpinionQuestionsWithoutAKey()
    {
        var feedback = BuiltInInstruments.CourseFeedback;

        var helped = feedback.Items["helped"];
        Assert.Equal((SurveyItemKind.Multiple, 8, true), (helped.Kind, helped.Options.Length, helped.Key.IsEmpty));
        Assert.Equal((SurveyItemKind.Likert, SurveyItemKind.Text), (feedback.Items["clarity"].Kind, feedback.Items["unclear"].Kind));
        Assert.True(BuiltInInstruments.IsReserved("course-feedback"));
        Assert.Equal(["mlops-skills", "course-feedback"], BuiltInInstruments.Versions.Select(v => v.Instrument.Id));
    }

    [Theory]
    [InlineData("", "", "the spec is empty; start with lines like 'id: my-survey' and 'version: 1'")]
    [InlineData("# only a comment\n", "", "the spec is empty; start with lines like 'id: my-survey' and 'version: 1'")]
    [InlineData("id: [unclosed", "", "line 2, column 1: ")]
    [InlineData("- a\n- b", "", "expected keys and values at the top (like 'id: my-survey'), got a list")]
    public void Read_NotAnInstrument_OneProblemAtTheTop(string text, string path, string message)
    {
        var result = SurveySpecReader.Read(text);

        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Null(result.Instrument);
    }

    public static TheoryData<string, string, string> Problems => new()
    {
        // The top: missing, malformed, unknown and repeated keys.
        { "id: Bad Id", "id", "'Bad Id' is not an id" },
        { "version: 0", "version", "expected a whole number from 1 to 10000, got '0'" },
        { "version: 1.5", "version", "expected a whole number from 1 to 10000, got '1.5'" },
        { "tittle: x", "tittle", "unknown key; did you mean 'title'?" },
        { "title: a\ntitle: b", "title", "appears more than once; keep one" },
        { "title: [a]", "title", "expected a single value, got a list" },
        { "sections: []", "sections", "give 1 to 50 sections, got 0" },
        { "sections: 3", "sections", "expected a list (items starting with '- '), got '3'" },
        { "scale: {min: 5, max: 3}", "scale.max", "must be above min (5)" },
        { "scale: {min: 1, max: 3, labels: [a, b]}", "scale.labels", "give one label for each point from 1 to 3 (3), got 2" },
        { "competences: [{id: a, title: A}, {id: a, title: B}]", "competences[1].id", "'a' is already the id of another competence" },
        { "competences: [{id: lonely, title: Lonely}]", "competences[0]", "no self-rating (kind likert) rates 'lonely'" },
        // Sections and items.
        { "sections: [{id: s1, title: S}]", "sections[0].items", "missing; list the section's items" },
        { "sections: [{id: s1, title: S, items: []}]", "sections[0].items", "a section needs at least one item" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: text, text: T}]}, {id: s1, title: S, items: [{id: b, kind: text, text: T}]}]", "sections[1].id", "'s1' is already the id of another section" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: text, text: T}, {id: a, kind: text, text: U}]}]", "sections[0].items[1].id", "'a' is already the id of another item" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: likret, text: T}]}]", "sections[0].items[0].kind", "unknown kind 'likret'; did you mean 'likert'?" },
        { "sections: [{id: s1, title: S, items: [{id: a, text: T}]}]", "sections[0].items[0].kind", "missing; give one of likert, single, multiple, text" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: text}]}]", "sections[0].items[0].text", "missing; this needs some text" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: likert, text: T}]}]", "sections[0].items[0].competence", "missing; a self-rating rates one competence" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: likert, competence: nope, text: T}]}]", "sections[0].items[0].competence", "'nope' is not a competence; declare it under 'competences' first" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: text, text: T, options: [x, y]}]}]", "sections[0].items[0].options", "a text item takes no 'options'" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: text, text: T, maxLength: 5000}]}]", "sections[0].items[0].maxLength", "give a length from 1 to 4000 characters, got 5000" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: text, text: T, required: maybe}]}]", "sections[0].items[0].required", "expected true or false, got 'maybe'" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: single, text: T, answer: 0}]}]", "sections[0].items[0].options", "missing; list 2 to 12 options" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: single, text: T, options: [x], answer: 0}]}]", "sections[0].items[0].options", "give 2 to 12 options, got 1" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: single, text: T, options: [x, x], answer: 0}]}]", "sections[0].items[0].options[1]", "'x' is listed twice" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: single, text: T, options: [x, y]}]}]", "sections[0].items[0].answer", "missing; give the index of the right option" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: single, text: T, options: [x, y], answer: 2}]}]", "sections[0].items[0].answer", "2 is not an option: the options are numbered 0 to 1" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: single, text: T, options: [x, y], answer: [0]}]}]", "sections[0].items[0].answer", "expected the index of the right option" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: multiple, text: T, options: [x, y], answer: 1}]}]", "sections[0].items[0].answer", "expected the indexes of the right options" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: multiple, text: T, options: [x, y], answer: []}]}]", "sections[0].items[0].answer", "give at least one right option" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: multiple, text: T, options: [x, y], answer: [1, 1]}]}]", "sections[0].items[0].answer[1]", "1 is listed twice" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: multiple, text: T, options: [x, y], answer: [b]}]}]", "sections[0].items[0].answer[0]", "expected an option's index (a whole number from 0), got 'b'" },
        { "sections: [{id: s1, title: S, items: [{id: a, kind: likert, competence: c, text: T, scale: {min: 0, max: 20}}]}]\ncompetences: [{id: c, title: C}]", "sections[0].items[0].scale.max", "must be above min (0) and the scale at most 11 points" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Read_OneProblem_NamedWithItsPath(string yaml, string path, string message)
    {
        var result = SurveySpecReader.Read(WithDefaults(yaml));

        Assert.Null(result.Instrument);
        var error = Assert.Single(result.Errors, e => e.Path == path);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SeveralProblems_AllReportedAtOnce()
    {
        const string yaml = """
            id: Bad
            title: T
            sections:
              - id: s1
                title: S
                items:
                  - {id: a, kind: single, text: T, options: [x, y], answer: 5}
                  - {id: b, kind: nope, text: T}
            """;

        var result = SurveySpecReader.Read(yaml);

        Assert.Equal(["id", "version", "sections[0].items[0].answer", "sections[0].items[1].kind"], result.Errors.Select(e => e.Path));
    }

    /// <summary>A minimal valid instrument with the test's lines laid over it (the test's keys win).</summary>
    private static string WithDefaults(string yaml)
    {
        var keys = yaml.Split('\n').Select(l => l.Split(':')[0]).ToHashSet(StringComparer.Ordinal);
        var defaults = new[]
        {
            "id: t", "version: 1", "title: T",
            "sections: [{id: s0, title: S, items: [{id: z, kind: text, text: T}]}]",
        }.Where(l => !keys.Contains(l.Split(':')[0]));
        return string.Join("\n", defaults.Append(yaml));
    }
}
