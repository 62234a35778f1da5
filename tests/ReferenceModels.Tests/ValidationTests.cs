using PPipe.Scenarios;

namespace PPipe.ReferenceModels.Tests;

public sealed class ValidationTests
{
    public static TheoryData<string, string> Mistakes => new()
    {
        { "a forecast", "ReferenceTable.Task" },
        { "a binary task with one class", "ReferenceTable.ClassCount" },
        { "a regression with classes", "ReferenceTable.ClassCount" },
        { "a period per row too few", "ReferenceTable.Period" },
        { "a negative period", "ReferenceTable.Period" },
        { "a period beyond the period count", "ReferenceTable.Period" },
        { "a stale flag per row too many", "ReferenceTable.StaleTraining" },
        { "a feature value per row too few", "ReferenceTable.Features" },
        { "a category index below 0", "ReferenceTable.Features" },
        { "a category index with a fraction", "ReferenceTable.Features" },
        { "a class index of 2 in a binary task", "ReferenceTable.Target" },
        { "a class index with a fraction", "ReferenceTable.Target" },
        { "a regression target of NaN", "ReferenceTable.Target" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Fit_OfAnInconsistentTable_ThrowsNamingTheField(string mistake, string field)
    {
        var table = Table(mistake);

        var error = Assert.Throws<ArgumentException>(() => ReferenceTrainer.Fit(table, TestContext.Current.CancellationToken));

        Assert.StartsWith(field + ": ", error.Message, StringComparison.Ordinal);
        Assert.Equal("table", error.ParamName);
    }

    [Fact]
    public void Fit_OfAClassOutOfRange_SaysWhichRowAndWhatIsAllowed()
    {
        var error = Assert.Throws<ArgumentException>(() => ReferenceTrainer.Fit(Table("a class index of 2 in a binary task"), TestContext.Current.CancellationToken));

        Assert.StartsWith("ReferenceTable.Target: row 3 holds 2; a class must be a whole number in 0..1.", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A valid four-row binary table with one mistake.</summary>
    private static ReferenceTable Table(string mistake) => new()
    {
        Task = mistake switch
        {
            "a forecast" => ScenarioTask.Forecast,
            "a regression with classes" or "a regression target of NaN" => ScenarioTask.Regression,
            _ => ScenarioTask.Binary,
        },
        ClassCount = mistake switch
        {
            "a binary task with one class" => 1,
            "a regression target of NaN" => 0,
            _ => 2,
        },
        Features =
        [
            new ReferenceColumn("size", false, mistake == "a feature value per row too few" ? [1, 2, 3] : [1, 2, 3, 4]),
            new ReferenceColumn("colour", true, mistake switch
            {
                "a category index below 0" => [0, 1, -1, 0],
                "a category index with a fraction" => [0, 1.5, 1, 0],
                _ => [0, 1, double.NaN, 7],
            }),
        ],
        Target = mistake switch
        {
            "a class index of 2 in a binary task" => [0, 1, 1, 2],
            "a class index with a fraction" => [0, 0.5, 1, 1],
            "a regression target of NaN" => [0, 1, double.NaN, 1],
            _ => [0, 1, 1, 0],
        },
        Period = mistake switch
        {
            "a period per row too few" => [0, 0, 1],
            "a negative period" => [0, -1, 1, 1],
            _ => [0, 0, 1, 1],
        },
        PeriodCount = mistake == "a period beyond the period count" ? 1 : 0,
        StaleTraining = mistake == "a stale flag per row too many" ? [true, true, false, false, false] : [true, true, false, false],
        Seed = 1,
    };
}
