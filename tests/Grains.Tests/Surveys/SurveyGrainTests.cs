using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Surveys;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.Scenarios.Surveys;

namespace PPipe.Grains.Tests.Surveys;

/// <summary>
/// A cohort's surveys on the test cluster's clock: windows that can change only until they open, drafts and the one submission
/// kept only inside the window, answers checked against the instrument with nothing stored on a refusal, and submissions and
/// consent landing in the cohort's shards.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SurveyGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan OpensIn = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    /// <summary>Every required item of the built-in instrument answered: the first option, or the scale's middle.</summary>
    private static readonly ImmutableArray<SurveyAnswer> Complete =
    [
        .. BuiltInInstruments.MlopsSkills.Sections.SelectMany(s => s.Items).Where(i => i.Required).Select(i => i.Kind switch
        {
            SurveyItemKind.Likert => new SurveyAnswer(i.Id, 3, null, null),
            SurveyItemKind.Single => new SurveyAnswer(i.Id, 0, null, null),
            _ => new SurveyAnswer(i.Id, null, [1, 0], null),
        }),
    ];

    [Fact]
    public async Task SetSurveys_BeforeTheWindowOpens_ChangesAndAfterItOpens_RefusedAndUnchanged()
    {
        var cohort = NewCohort();
        var surveys = fixture.Client.GetGrain<ICohortSurveysGrain>(cohort);
        var first = PreOnly();
        var moved = new CohortSurveys(first.Pre! with { ClosesAt = first.Pre!.ClosesAt + Window }, null);

        var set = await surveys.SetAsync(first);
        var changed = await surveys.SetAsync(moved);
        await fixture.Clock.AdvanceAsync(OpensIn);
        var refused = await surveys.SetAsync(first);
        var removed = await surveys.SetAsync(CohortSurveys.None);

        Assert.Equal((first, (SurveyKind?)null), (set.Surveys, set.Refused));
        Assert.Equal((moved, (SurveyKind?)null), (changed.Surveys, changed.Refused));
        Assert.Equal((moved, SurveyKind.Pre), (refused.Surveys, refused.Refused));
        Assert.StartsWith("The pre-survey opened at ", refused.Detail, StringComparison.Ordinal);
        Assert.Equal(SurveyKind.Pre, removed.Refused);
        Assert.Equal(moved, await surveys.GetAsync());
    }

    [Fact]
    public async Task SaveDraft_BeforeDuringAndAfterTheWindow_SavedOnlyWhileOpen()
    {
        var (cohort, student) = await StudentWithPreAsync();
        var answers = ImmutableArray.Create(new SurveyAnswer("serving-rating", 4, null, null));

        var early = await student.SaveDraftAsync(SurveyKind.Pre, answers);
        await fixture.Clock.AdvanceAsync(OpensIn);
        var open = await student.SaveDraftAsync(SurveyKind.Pre, answers);
        await fixture.Clock.AdvanceAsync(Window);
        var late = await student.SaveDraftAsync(SurveyKind.Pre, answers);
        var post = await student.SaveDraftAsync(SurveyKind.Post, answers);

        Assert.Equal(SurveyAnswerStatus.NotOpen, early.Status);
        Assert.StartsWith("The pre-survey opens at ", early.Detail, StringComparison.Ordinal);
        Assert.Equal((SurveyAnswerStatus.Saved, fixture.Clock.UtcNow - Window), (open.Status, open.At));
        Assert.Equal(SurveyAnswerStatus.NotOpen, late.Status);
        Assert.StartsWith("The pre-survey closed at ", late.Detail, StringComparison.Ordinal);
        Assert.Equal(SurveyAnswerStatus.NoSurvey, post.Status);
        var saved = Assert.Single(await student.GetAsync());
        Assert.Equal(SurveyKind.Pre, saved.Kind);
        Assert.Equal(answers, saved.Draft);
        Assert.Equal(SurveyShardCounts.Zero, await ShardOf(cohort).CountAsync());
    }

    [Fact]
    public async Task SaveDraft_BadAnswers_EveryProblemNamedAndNothingStored()
    {
        var (_, student) = await StudentWithPreAsync();
        await fixture.Clock.AdvanceAsync(OpensIn);
        ImmutableArray<SurveyAnswer> bad =
        [
            new("serving-rating", 9, null, null),
            new("serving-latency", 4, null, null),
            new("quality-checks", null, [0, 7], null),
            new("reflection-hardest", 2, null, null),
            new("no-such-item", 1, null, null),
            new("acquisition-etag", null, null, "0"),
            new("reflection-wish", null, null, new string('x', 1001)),
        ];

        var result = await student.SaveDraftAsync(SurveyKind.Pre, bad);

        Assert.Equal(SurveyAnswerStatus.Invalid, result.Status);
        Assert.Equal(
            [
                ("answers.serving-rating", "9 is off the scale; give a whole number from 1 to 5"),
                ("answers.serving-latency", "4 is not an option; the options are numbered 0 to 3"),
                ("answers.quality-checks", "7 is not an option; the options are numbered 0 to 3"),
                ("answers.reflection-hardest", "this question takes text"),
                ("answers.no-such-item", "there is no item 'no-such-item' in mlops-skills v1; GET the survey for its items"),
                ("answers.acquisition-etag", "this question takes one option's index, a whole number from 0 to 3"),
                ("answers.reflection-wish", "is 1001 characters; at most 1000"),
            ],
            result.Problems.Select(p => (p.Field, p.Message)));
        Assert.Empty(await student.GetAsync());
    }

    [Fact]
    public async Task Submit_TheDraft_StoredInTheShardOnceAndASecondSubmissionRefused()
    {
        var (cohort, student) = await StudentWithPreAsync();
        await fixture.Clock.AdvanceAsync(OpensIn);
        await student.SaveDraftAsync(SurveyKind.Pre, Complete.Add(new SurveyAnswer("reflection-wish", null, null, "  more labs  ")));

        var submitted = await student.SubmitAsync(SurveyKind.Pre, null);
        var again = await student.SubmitAsync(SurveyKind.Pre, Complete);
        var draft = await student.SaveDraftAsync(SurveyKind.Pre, Complete);

        Assert.Equal((SurveyAnswerStatus.Submitted, fixture.Clock.UtcNow), (submitted.Status, submitted.At));
        Assert.Equal((SurveyAnswerStatus.AlreadySubmitted, fixture.Clock.UtcNow), (again.Status, again.At));
        Assert.Equal(SurveyAnswerStatus.AlreadySubmitted, draft.Status);
        var row = Assert.Single(await ShardOf(cohort).RowsAsync());
        Assert.Equal(("s-1", "mlops-skills", 1, fixture.Clock.UtcNow), (row.StudentId, row.Pre!.InstrumentId, row.Pre.Version, row.Pre.SubmittedAt));
        Assert.Equal("more labs", row.Pre.Answers.Single(a => a.ItemId == "reflection-wish").Text);
        Assert.Equal([0, 1], row.Pre.Answers.Single(a => a.ItemId == "quality-checks").Choices!.Value);
        Assert.Null(row.Post);
        var mine = Assert.Single(await student.GetAsync());
        Assert.Equal((fixture.Clock.UtcNow, 0, Complete.Length + 1), (mine.SubmittedAt, mine.Draft.Length, mine.Submitted.Length));
        Assert.Equal(new SurveyShardCounts(1, 0, 0, 0), await SurveyResponsesCountAsync(cohort));
    }

    [Fact]
    public async Task Submit_RequiredItemsMissing_NamedAndNothingStored()
    {
        var (cohort, student) = await StudentWithPreAsync();
        await fixture.Clock.AdvanceAsync(OpensIn);

        var result = await student.SubmitAsync(SurveyKind.Pre, Complete.RemoveAt(0));

        Assert.Equal(SurveyAnswerStatus.Invalid, result.Status);
        Assert.Equal([($"answers.{Complete[0].ItemId}", "is required; answer it before submitting")], result.Problems.Select(p => (p.Field, p.Message)));
        Assert.Empty(await student.GetAsync());
        Assert.Empty(await ShardOf(cohort).RowsAsync());
    }

    [Fact]
    public async Task Consent_GivenWithdrawnAndGivenAgain_KeepsTheFirstGivingAndCounts()
    {
        var cohort = NewCohort();
        var shard = ShardOf(cohort);
        var start = fixture.Clock.UtcNow;

        var given = await shard.SetConsentAsync("s-1", true);
        await fixture.Clock.AdvanceAsync(TimeSpan.FromSeconds(1));
        var withdrawn = await shard.SetConsentAsync("s-1", false);
        var counted = await SurveyResponsesCountAsync(cohort);
        var unchanged = await shard.SetConsentAsync("s-1", false);

        Assert.Equal(new SurveyConsent(true, start, start), given);
        Assert.Equal(new SurveyConsent(false, start.AddSeconds(1), start), withdrawn);
        Assert.Equal(withdrawn, unchanged);
        Assert.Equal(new SurveyShardCounts(0, 0, 0, 1), counted);
        Assert.Null(await shard.GetConsentAsync("s-2"));
    }

    [Fact]
    public async Task AddInstrumentVersion_SameTextAgain_UnchangedAndOtherText_Conflict()
    {
        var id = "grain-test-" + Guid.NewGuid().ToString("N")[..8];
        var instrument = fixture.Client.GetGrain<ISurveyInstrumentGrain>(id);
        var spec = Spec(id, 1, "First");

        var added = await instrument.AddVersionAsync(spec);
        var same = await instrument.AddVersionAsync(spec);
        var changed = await instrument.AddVersionAsync(Spec(id, 1, "Changed"));
        var next = await instrument.AddVersionAsync(Spec(id, 3, "Third"));
        var otherId = await instrument.AddVersionAsync(Spec("someone-else", 1, "X"));
        var builtIn = await fixture.Client.GetGrain<ISurveyInstrumentGrain>("mlops-skills").AddVersionAsync(Spec("mlops-skills", 2, "Mine"));

        Assert.Equal((InstrumentUploadStatus.Added, (int?)1), (added.Status, added.Version));
        Assert.Equal(InstrumentUploadStatus.Unchanged, same.Status);
        Assert.Equal((InstrumentUploadStatus.Conflict, "Version 1 of '" + id + "' exists with other content, and a version never changes: upload the change as version 2."),
            (changed.Status, changed.Detail));
        Assert.Equal(InstrumentUploadStatus.Added, next.Status);
        Assert.Equal(("id", InstrumentUploadStatus.Invalid), (otherId.Problems.Single().Path, otherId.Status));
        Assert.Equal(InstrumentUploadStatus.Conflict, builtIn.Status);
        Assert.Equal([(1, "First"), (3, "Third")], (await instrument.ListAsync()).Select(v => (v.Version, v.Title)));
        var entry = (await fixture.Client.GetGrain<ISurveyLibraryGrain>(ISurveyLibraryGrain.Key).ListAsync()).First();
        Assert.Equal((id, "Third", 3), (entry.Id, entry.Title, entry.LatestVersion));
    }

    private async Task<(string Cohort, IStudentSurveysGrain Student)> StudentWithPreAsync()
    {
        var cohort = NewCohort();
        await fixture.Client.GetGrain<ICohortSurveysGrain>(cohort).SetAsync(PreOnly());
        return (cohort, fixture.Client.GetGrain<IStudentSurveysGrain>($"{cohort}/s-1"));
    }

    private CohortSurveys PreOnly()
    {
        var opens = fixture.Clock.UtcNow + OpensIn;
        return new CohortSurveys(new SurveySchedule(BuiltInInstruments.MlopsSkillsId, 1, opens, opens + Window), null);
    }

    private Task<SurveyShardCounts> SurveyResponsesCountAsync(string cohort) =>
        PPipe.Grains.Client.Surveys.SurveyResponses.CountAsync(fixture.Client, cohort);

    private ISurveyShardGrain ShardOf(string cohort) => fixture.Client.GetGrain<ISurveyShardGrain>(SurveyShards.KeyOf(cohort, "s-1"));

    private static string NewCohort() => "c-" + Guid.NewGuid().ToString("N")[..12];

    private static string Spec(string id, int version, string title) =>
        $"id: {id}\nversion: {version}\ntitle: {title}\nsections: [{{id: s, title: S, items: [{{id: a, kind: text, text: Why?}}]}}]\n";
}
