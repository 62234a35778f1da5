using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using PPipe.Grains.Assessment;

namespace PPipe.Grains.Tests.Assessment;

public sealed class BatchOutcomeTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(BatchOutcome).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void BatchOutcome_New_HasNoInstantsAndNoScores()
    {
        var outcome = new BatchOutcome { Seq = 3 };

        Assert.Null(outcome.LastOnTimeAt);
        Assert.Null(outcome.LastLateAt);
        Assert.Null(outcome.ScoredAt);
        Assert.Null(outcome.Score);
        Assert.Null(outcome.Oracle);
        Assert.Null(outcome.Stale);
        Assert.Null(outcome.Relative);
    }

    [Fact]
    public void BatchOutcome_ScoredLate_RoundTripsThroughTheGrainStateSerializer()
    {
        var onTime = new DateTimeOffset(2026, 3, 1, 8, 30, 0, TimeSpan.Zero);
        var outcome = new BatchOutcome { Seq = 7, Scored = true, ScoredAt = onTime.AddDays(2), CountedLate = true, Penalty = 0.25 };
        outcome.RecordSubmission(onTime, late: false, rows: 120);
        outcome.RecordSubmission(onTime.AddDays(1).ToOffset(TimeSpan.FromHours(2)), late: true, rows: 118);
        outcome.Score = 0.0;
        outcome.Oracle = 0.91;
        outcome.Stale = -3.5;
        outcome.Relative = 1e-9;

        var copy = Serializer.Deserialize<BatchOutcome>(Serializer.SerializeToArray(outcome))!;

        Assert.Equal(
            (7, 2, onTime, onTime.AddDays(1), true, onTime.AddDays(2), true, 0.0, 0.91, -3.5, 1e-9, 0.25, 118),
            (copy.Seq, copy.Submissions, copy.LastOnTimeAt, copy.LastLateAt, copy.Scored, copy.ScoredAt, copy.CountedLate,
                copy.Score, copy.Oracle, copy.Stale, copy.Relative, copy.Penalty, copy.Rows));
        Assert.Equal(TimeSpan.Zero, copy.LastLateAt!.Value.Offset);
    }

    [Fact]
    public void BatchOutcome_ScoresSetBackToNone_ReadAsNone()
    {
        var outcome = new BatchOutcome { Score = 0.5, Relative = 0.2, ScoredAt = DateTimeOffset.UnixEpoch.AddDays(1) };

        outcome.Score = null;
        outcome.Relative = null;
        outcome.ScoredAt = null;

        Assert.Equal((null, null, null), (outcome.Score, outcome.Relative, outcome.ScoredAt));
    }
}
