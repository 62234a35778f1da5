using PPipe.Scenarios.Output;

namespace PPipe.Scenarios.Tests.Output;

public sealed class RowIdTests
{
    [Theory]
    [InlineData(RowId.Release, 3, 123, "r0003-000123")]
    [InlineData(RowId.Batch, 2, 45, "b0002-000045")]
    [InlineData(RowId.Probe, 17, 4, "p000017-004")]
    [InlineData(RowId.Release, 12345, 1234567, "r12345-1234567")]
    public void ToString_AnyKind_GivesTheStableFormatAndParsesBack(char kind, int seq, int index, string text)
    {
        var id = new RowId(kind, seq, index);

        Assert.Equal(text, id.ToString());
        Assert.True(RowId.TryParse(text, out var parsed));
        Assert.Equal(id, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x0001-000001")]
    [InlineData("r1-1")]
    [InlineData("r0001000001")]
    [InlineData("r0001-00000a")]
    public void TryParse_NotAnId_Fails(string text)
    {
        Assert.False(RowId.TryParse(text, out _));
    }
}
