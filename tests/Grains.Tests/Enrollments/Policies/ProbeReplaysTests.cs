using PPipe.Grains.Assessment;
using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Probes;

namespace PPipe.Grains.Tests.Enrollments.Policies;

public sealed class ProbeReplaysTests
{
    private const ulong Seed = 42;

    [Theory]
    [InlineData(42UL)]
    [InlineData(7UL)]
    [InlineData(ulong.MaxValue)]
    public void IsDrawn_EveryRunOfSixSlots_ExactlyOne(ulong seed)
    {
        var drawn = Enumerable.Range(0, 600).Where(slot => ProbeReplays.IsDrawn(seed, slot)).ToList();

        Assert.Equal(100, drawn.Count);
        Assert.All(Enumerable.Range(0, 100), run => Assert.Single(drawn, slot => slot / ProbeReplays.Every == run));
    }

    [Fact]
    public void IsDrawn_TwoStudents_DrawnOnDifferentSlots()
    {
        var one = Enumerable.Range(0, 120).Where(slot => ProbeReplays.IsDrawn(1, slot));
        var other = Enumerable.Range(0, 120).Where(slot => ProbeReplays.IsDrawn(2, slot));

        Assert.NotEqual(one, other);
    }

    [Fact]
    public void ReplayOf_DrawnSlotUnderTheReferenceVersion_TheReferenceSlot()
    {
        var record = Answered(("v1", 2));
        var slot = FirstDrawnAfter(2);

        Assert.Equal(2, ProbeReplays.ReplayOf(true, Seed, slot, record));
    }

    [Fact]
    public void ReplayOf_SlotNotDrawn_None()
    {
        var record = Answered(("v1", 2));
        var slot = Enumerable.Range(3, 12).First(s => !ProbeReplays.IsDrawn(Seed, s));

        Assert.Null(ProbeReplays.ReplayOf(true, Seed, slot, record));
    }

    [Fact]
    public void ReplayOf_CriterionNotInTheRubric_None()
    {
        Assert.Null(ProbeReplays.ReplayOf(false, Seed, FirstDrawnAfter(2), Answered(("v1", 2))));
    }

    [Fact]
    public void ReplayOf_LastAnswerNamedNoModel_None()
    {
        var record = Answered(("v1", 2), (null, 3));

        Assert.Equal(("v1", 2L, null), (record.Reference!.Version, record.Reference.RowSlot, record.LastVersion));
        Assert.Null(ProbeReplays.ReplayOf(true, Seed, FirstDrawnAfter(3), record));
    }

    [Fact]
    public void ReplayOf_VersionChanged_TheFirstProbeOfTheNewVersion()
    {
        var record = Answered(("v1", 2), ("v2", 5), ("v2", 6));

        Assert.Equal(5, ProbeReplays.ReplayOf(true, Seed, FirstDrawnAfter(6), record));
    }

    [Fact]
    public void ReplayOf_NoEarlierProbe_None()
    {
        Assert.Null(ProbeReplays.ReplayOf(true, Seed, FirstDrawnAfter(0), null));
        Assert.Null(ProbeReplays.ReplayOf(true, Seed, FirstDrawnAfter(0), new ReproducibilityRecord()));
    }

    private static long FirstDrawnAfter(long slot) => Enumerable.Range((int)slot + 1, 12).First(s => ProbeReplays.IsDrawn(Seed, s));

    /// <summary>A record that saw scheduled probes answered under the versions given (null: no model named), at the slots given.</summary>
    private static ReproducibilityRecord Answered(params (string? Version, long Slot)[] answers)
    {
        var record = new ReproducibilityRecord();
        foreach (var (version, slot) in answers)
        {
            record.ObserveAnswer(new ProbeResult(slot, 1, DateTimeOffset.UnixEpoch, TimeSpan.Zero, true, 200, 5, null, null, 2, null,
                version is null ? null : new ModelStamp(version, 1, null), null, [1.0, 2.0]));
        }

        return record;
    }
}
