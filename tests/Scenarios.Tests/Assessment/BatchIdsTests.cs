using PPipe.Scenarios.Assessment;
using PPipe.Scenarios.Output;

namespace PPipe.Scenarios.Tests.Assessment;

public sealed class BatchIdsTests
{
    [Fact]
    public void From_RepeatedIds_KeepsEachOnceInFirstOrder()
    {
        var ids = BatchIds.From([new(RowId.Batch, 2, 1), new(RowId.Batch, 2, 0), new(RowId.Batch, 2, 1), new(RowId.Batch, 2, 2)]);

        Assert.Equal([new(RowId.Batch, 2, 1), new(RowId.Batch, 2, 0), new(RowId.Batch, 2, 2)], Enumerable.Range(0, ids.Count).Select(i => ids[i]));
        Assert.True(ids.TryGetPosition(new RowId(RowId.Batch, 2, 0), out var position));
        Assert.Equal(1, position);
    }

    [Fact]
    public void TryGetPosition_SequentialIds_FindsOnlyThisBatchsIds()
    {
        var ids = Submissions.Ids(3);

        Assert.True(ids.TryGetPosition(new RowId(RowId.Batch, 2, 2), out var position));
        Assert.Equal(2, position);
        Assert.False(ids.TryGetPosition(new RowId(RowId.Batch, 2, 3), out _));
        Assert.False(ids.TryGetPosition(new RowId(RowId.Batch, 3, 0), out _));
        Assert.False(ids.TryGetPosition(new RowId(RowId.Release, 2, 0), out _));
    }

    [Theory]
    [InlineData("b0002-000045", true)]
    [InlineData("r12345-1234567", true)]
    [InlineData("p000017-004", true)]
    [InlineData("b02-000045", false)]
    [InlineData("b00002-000045", false)]
    [InlineData("b0002-45", false)]
    [InlineData("b0002-+00045", false)]
    [InlineData(" b0002-000045", false)]
    [InlineData("B0002-000045", false)]
    [InlineData("b0002000045", false)]
    [InlineData("b-000045", false)]
    [InlineData("b0002-", false)]
    [InlineData("b0002-0000000000000000000045", false)]
    public void TryParse_Utf8_AcceptsOnlyTheCanonicalSpelling(string text, bool valid)
    {
        var parsed = BatchIds.TryParse(System.Text.Encoding.UTF8.GetBytes(text), out var id);

        Assert.Equal(valid, parsed);
        if (valid)
        {
            Assert.Equal(text, id.ToString());
        }
    }
}
