using System.Collections.Immutable;
using PPipe.Grains.Client.Surveys;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Interfaces.Surveys;
using PPipe.Scenarios.Surveys;

namespace PPipe.Grains.Tests.Surveys;

/// <summary>
/// A cohort's survey analytics worked out by hand for a handful of students: who counts (removed students never, students who
/// answered one survey only in the counts and distributions, students without consent only when consent is not required), the
/// change per competence, the knowledge shares and gain, correlations with criterion scores, and each item's counts.
/// </summary>
public sealed class SurveyAnalysisTests
{
    private const double Precision = 1e-9;
    private static readonly DateTimeOffset At = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly SurveyInstrument Instrument = SurveySpecReader.Read("""
        id: check
        version: 1
        title: Check
        competences:
          - {id: serving, title: Serving}
          - {id: quality, title: Data quality}
        sections:
          - id: s
            title: S
            items:
              - {id: serving-rate, kind: likert, competence: serving, text: Serve}
              - {id: quality-rate, kind: likert, competence: quality, text: Check data}
              - {id: serving-q, kind: single, competence: serving, text: Which?, options: [a, b, c], answer: 1}
              - {id: general-q, kind: multiple, text: Which ones?, options: [x, y, z], answer: [0, 2]}
              - {id: why, kind: text, text: Why?}
        """).Instrument!;

    [Fact]
    public void Compute_MixedCohort_CountsEveryoneButChangesOnlyStudentsWithBothSurveys()
    {
        var analytics = Compute(consentingOnly: false);

        Assert.Equal(new SurveyAnalytics.ResponseCounts(Enrolled: 5, PreSubmitted: 3, PostSubmitted: 3, Both: 2, Consenting: 1, Analyzed: 2),
            analytics.Responses);
        var serving = analytics.Competences.Single(c => c.Id == "serving");
        Assert.Equal((2, 2.5, 3.5, 1.0), (serving.N, serving.PreMean!.Value, serving.PostMean!.Value, serving.MeanChange!.Value));
        // Changes 2 and 0: standard deviation √2, t(0.975, 1) = 12.7062…, so 1 ± 12.7062…; dz = 1 / √2.
        Assert.Equal(1 - 12.706204736174698, serving.Low!.Value, 1e-8);
        Assert.Equal(1 + 12.706204736174698, serving.High!.Value, 1e-8);
        Assert.Equal(1 / Math.Sqrt(2), serving.EffectSize!.Value, Precision);
        Assert.Equal(["serving", "quality"], analytics.Competences.Select(c => c.Id));
    }

    [Fact]
    public void Compute_KnowledgeQuestions_SharesCorrectPerCompetenceAndOverallWithHakesGain()
    {
        var analytics = Compute(consentingOnly: false);

        var serving = analytics.Knowledge.Single(k => k.Competence == "serving");
        var overall = analytics.Knowledge.Single(k => k.Competence is null);
        Assert.Equal((1, 2, 0.5, 1.0, 1.0), (serving.PreItems, serving.N, serving.PreCorrect!.Value, serving.PostCorrect!.Value, serving.Gain!.Value));
        Assert.Equal((2, 0.5, 0.75), (overall.PreItems, overall.PreCorrect!.Value, overall.PostCorrect!.Value));
        Assert.Equal(0.5, overall.Gain!.Value, Precision);
        Assert.DoesNotContain(analytics.Knowledge, k => k.Competence == "quality");
    }

    [Fact]
    public void Compute_ConsentingOnly_OnlyTheConsentingStudentsChange()
    {
        var analytics = Compute(consentingOnly: true);

        Assert.Equal((5, 2, 1, 1), (analytics.Responses.Enrolled, analytics.Responses.Both, analytics.Responses.Consenting, analytics.Responses.Analyzed));
        var serving = analytics.Competences.Single(c => c.Id == "serving");
        Assert.Equal((1, 2.0, 4.0, 2.0), (serving.N, serving.PreMean!.Value, serving.PostMean!.Value, serving.MeanChange!.Value));
        Assert.Null(serving.Low);
        Assert.Equal([0, 1, 0, 0, 0], analytics.Items.Single(i => i.ItemId == "serving-rate").Pre!.Value);
    }

    [Fact]
    public void Compute_ItemDistributions_EveryEnrolledAnswerCountedRemovedStudentsNot()
    {
        var analytics = Compute(consentingOnly: false);

        var rating = analytics.Items.Single(i => i.ItemId == "serving-rate");
        Assert.Equal(("likert", 5, "1 I could not do this"), (rating.Kind, rating.Labels.Length, rating.Labels[0]));
        Assert.Equal([0, 1, 1, 0, 1], rating.Pre!.Value);
        Assert.Equal([0, 0, 1, 2, 0], rating.Post!.Value);
        Assert.Equal((3, 3), (rating.PreAnswered, rating.PostAnswered));
        var multiple = analytics.Items.Single(i => i.ItemId == "general-q");
        Assert.Equal(["x", "y", "z"], multiple.Labels);
        Assert.Equal([0, 2], multiple.Correct);
        Assert.Equal([2, 0, 1], multiple.Pre!.Value);
        Assert.DoesNotContain(analytics.Items, i => i.ItemId == "why");
    }

    [Fact]
    public void Compute_CriterionScores_PearsonPerCompetenceAndCriterionWithN()
    {
        var analytics = Compute(consentingOnly: false);

        var serving = analytics.Correlations.Single(c => c.Competence == "serving" && c.Criterion == "batchQuality");
        Assert.Equal((2, null), (serving.N, serving.R));
        Assert.Equal(4, analytics.Correlations.Length);
    }

    [Fact]
    public void Compute_CorrelationOverManyStudents_MatchesPearsonOfChangeAndScore()
    {
        // Serving changes 0, 1, 2, 3, 4, 1 with scores 0.1, 0.3, 0.2, 0.6, 0.9, 0.2: numpy.corrcoef gives r = 0.9249114902053782.
        int[] changes = [0, 1, 2, 3, 4, 1];
        double[] scores = [0.1, 0.3, 0.2, 0.6, 0.9, 0.2];
        var roster = changes.Select((_, i) => Standing($"m{i}", [new CriterionScore("batchQuality", scores[i])])).ToList();
        var rows = changes.Select((change, i) => new SurveyResponseRow($"m{i}", null,
            Submission(("serving-rate", 1), ("quality-rate", 3)), Submission(("serving-rate", 1 + change), ("quality-rate", 3)))).ToList();

        var analytics = SurveyAnalysis.Compute("c", "C", "card-fraud", Instrument, Instrument, roster, rows, consentingOnly: false);

        var expected = SurveyStatistics.Pearson([.. changes.Select(c => (double)c)], scores);
        var serving = analytics.Correlations.Single(c => c.Competence == "serving");
        Assert.Equal((6, expected.R, expected.Low, expected.High), (serving.N, serving.R, serving.Low, serving.High));
        Assert.Equal(0.9249114902053782, serving.R!.Value, Precision);
        Assert.Null(analytics.Correlations.Single(c => c.Competence == "quality").R);
    }

    [Fact]
    public void Compute_OnlyAPreSurvey_CountsAndDistributionsButNoChanges()
    {
        var analytics = SurveyAnalysis.Compute("c", "C", "card-fraud", Instrument, null, Roster(), Rows(), consentingOnly: false);

        Assert.Equal(0, analytics.Responses.Analyzed);
        Assert.All(analytics.Competences, c => Assert.Equal((0, null), (c.N, c.MeanChange)));
        Assert.All(analytics.Items, i => Assert.Null(i.Post));
        Assert.Null(analytics.Post);
    }

    private static SurveyAnalytics Compute(bool consentingOnly) =>
        SurveyAnalysis.Compute("c", "C", "card-fraud", Instrument, Instrument, Roster(), Rows(), consentingOnly);

    /// <summary>s1 and s2 answered both (only s1 consents), s3 only the pre, s4 only the post, s7 nothing; s5 was removed.</summary>
    private static List<StudentStanding> Roster() =>
    [
        Standing("s1", [new CriterionScore("batchQuality", 0.9), new CriterionScore("punctuality", 1)]),
        Standing("s2", [new CriterionScore("batchQuality", 0.5)]),
        Standing("s3", []),
        Standing("s4", []),
        Standing("s5", [], removed: true),
        Standing("s7", []),
    ];

    private static List<SurveyResponseRow> Rows() =>
    [
        new("s1", new SurveyConsent(true, At, At),
            Submission(("serving-rate", 2), ("quality-rate", 3), ("serving-q", 1), ("general-q", new[] { 0 })),
            Submission(("serving-rate", 4), ("quality-rate", 3), ("serving-q", 1), ("general-q", new[] { 0, 2 }))),
        new("s2", new SurveyConsent(false, At, null),
            Submission(("serving-rate", 3), ("quality-rate", 2), ("serving-q", 0), ("general-q", new[] { 2, 0 })),
            Submission(("serving-rate", 3), ("quality-rate", 4), ("serving-q", 1), ("general-q", new[] { 1 }))),
        new("s3", null, Submission(("serving-rate", 5), ("quality-rate", 5)), null),
        new("s4", null, null, Submission(("serving-rate", 4), ("quality-rate", 1))),
        new("s5", new SurveyConsent(true, At, At), Submission(("serving-rate", 1), ("quality-rate", 1)), Submission(("serving-rate", 1), ("quality-rate", 1))),
        new("ghost", null, Submission(("serving-rate", 1), ("quality-rate", 1)), Submission(("serving-rate", 1), ("quality-rate", 1))),
    ];

    private static StudentStanding Standing(string id, ImmutableArray<CriterionScore> scores, bool removed = false) =>
        new(id, id, $"{id}@example.org", At, new StudentProgress(id, [], CriterionScores: scores), removed ? At : null);

    private static SurveySubmission Submission(params (string Item, object Answer)[] answers) =>
        new("check", 1, At, [.. answers.Select(a => a.Answer is int number
            ? new SurveyAnswer(a.Item, number, null, null)
            : new SurveyAnswer(a.Item, null, [.. (int[])a.Answer], null))]);
}
