using PPipe.Simulation.Learning;

namespace PPipe.Simulation.Tests.Learning;

public sealed class DataTableTests
{
    [Fact]
    public void ReadCsv_QuotedAndBlankCells_ReadsThemAsWritten()
    {
        var table = DataTable.ReadCsv("id,name,value\nr1,\"Smith, J\",\nr2,plain,3.5\n");

        Assert.Equal(["id", "name", "value"], table.Columns);
        Assert.Equal(2, table.Count);
        Assert.Equal(["r1", "Smith, J", ""], table.Rows[0]);
        Assert.Equal("3.5", table.Rows[1][2]);
    }

    [Fact]
    public void Concat_RenamedColumn_KeepsBothWithBlanksWhereAbsent()
    {
        var before = DataTable.ReadCsv("id,monthly_charge\na,10\n");
        var after = DataTable.ReadCsv("id,monthly_fee_eur\nb,12\n");

        var both = DataTable.Concat([before, after]);

        Assert.Equal(["id", "monthly_charge", "monthly_fee_eur"], both.Columns);
        Assert.Equal(["a", "10", ""], both.Rows[0]);
        Assert.Equal(["b", "", "12"], both.Rows[1]);
    }

    [Fact]
    public void TakeLast_FewerRowsThanAsked_ReturnsAll()
    {
        var table = DataTable.ReadCsv("id\na\nb\nc\n");

        Assert.Equal(["b", "c"], table.TakeLast(2).Rows.Select(r => r[0]));
        Assert.Same(table, table.TakeLast(5));
    }
}
