using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Grains.Surveys;

internal sealed class SurveyShardGrain(
    [PersistentState("surveyShard", StorageNames.Default)] IPersistentState<SurveyShardState> state,
    TimeProvider time) : Grain, ISurveyShardGrain
{
    public async Task<SurveySubmission> SubmitAsync(string studentId, SurveyKind kind, SurveySubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var row = RowOf(studentId);
        if (row.Of(kind) is { } kept)
        {
            return kept;
        }

        state.State.Rows[studentId] = row.With(kind, submission);
        await this.WriteOrDeactivateAsync(state);
        return submission;
    }

    public async Task<SurveyConsent> SetConsentAsync(string studentId, bool given)
    {
        var row = RowOf(studentId);
        if (row.Consent is { } current && current.Given == given)
        {
            return current;
        }

        var now = time.GetUtcNow();
        var consent = new SurveyConsent(given, now, row.Consent?.FirstGivenAt ?? (given ? now : null));
        state.State.Rows[studentId] = row with { Consent = consent };
        await this.WriteOrDeactivateAsync(state);
        return consent;
    }

    public Task<SurveyConsent?> GetConsentAsync(string studentId) =>
        Task.FromResult(state.State.Rows.TryGetValue(studentId, out var row) ? row.Consent : null);

    public Task<SurveyShardCounts> CountAsync()
    {
        int pre = 0, post = 0, consenting = 0, withdrawn = 0, feedback = 0;
        foreach (var row in state.State.Rows.Values)
        {
            pre += row.Pre is null ? 0 : 1;
            post += row.Post is null ? 0 : 1;
            feedback += row.Feedback is null ? 0 : 1;
            consenting += row.Consent is { Given: true } ? 1 : 0;
            withdrawn += row.Consent is { Given: false } ? 1 : 0;
        }

        return Task.FromResult(new SurveyShardCounts(pre, post, consenting, withdrawn, feedback));
    }

    public Task<ImmutableArray<string>> SubmittedAsync(SurveyKind kind) =>
        Task.FromResult(state.State.Rows.Values.Where(r => r.Of(kind) is not null).Select(r => r.StudentId).ToImmutableArray());

    public Task<ImmutableArray<SurveyResponseRow>> RowsAsync() => Task.FromResult(state.State.Rows.Values.ToImmutableArray());

    private SurveyResponseRow RowOf(string studentId) =>
        state.State.Rows.TryGetValue(studentId, out var row) ? row : new SurveyResponseRow(studentId, null, null, null);
}
