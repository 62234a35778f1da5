namespace PPipe.ReferenceModels.Tests;

public sealed class FitBudgetTests
{
    [Fact]
    public void Choose_ForASmallTable_GrowsEverythingInFull()
    {
        var settings = FitBudget.Choose([100, 100, 100, 75, 75, 75, 150], outputs: 3);

        Assert.Equal(new FitSettings(FitBudget.MaxRowsPerFit, 3, FitBudget.MaxTrees), settings);
    }

    [Fact]
    public void Choose_ForAHundredThousandRowsOfThreeClasses_StaysInFull()
    {
        // Four periods of 25,000 rows cross-fitted in three folds, and a stale model on the first 10,000.
        int[] sizes = [.. Enumerable.Repeat(16_666, 8), .. Enumerable.Repeat(16_667, 4), 6_666, 6_667, 6_667, 10_000];

        var settings = FitBudget.Choose(sizes, outputs: 3);

        Assert.Equal(new FitSettings(FitBudget.MaxRowsPerFit, 3, FitBudget.MaxTrees), settings);
    }

    [Fact]
    public void Choose_ForThirtyClasses_CutsRowsThenClassesToStayWithinTheBudget()
    {
        int[] sizes = [.. Enumerable.Repeat(16_667, 12), 6_667, 6_667, 6_667, 10_000];

        var settings = FitBudget.Choose(sizes, outputs: 30);

        Assert.InRange(settings.ModelledClasses, 2, FitBudget.MaxModelledClasses - 1);
        Assert.InRange(settings.RowsPerFit, FitBudget.MinRowsPerFit, FitBudget.MaxRowsPerFit);
        Assert.Equal(FitBudget.MaxTrees, settings.Trees);
        Assert.True(FitBudget.Work(sizes, settings.RowsPerFit, settings.ModelledClasses) <= FitBudget.MaxWork);
        Assert.True(FitBudget.Work(sizes, settings.RowsPerFit + 1, settings.ModelledClasses) > FitBudget.MaxWork);
    }

    [Fact]
    public void Choose_ForHundredsOfPeriods_GrowsFewerTreesButNeverTooFew()
    {
        var many = FitBudget.Choose([.. Enumerable.Repeat(5_000, 300)], outputs: 1);
        var absurd = FitBudget.Choose([.. Enumerable.Repeat(5_000, 30_000)], outputs: 1);

        Assert.Equal(new FitSettings(FitBudget.MinRowsPerFit, 1, 33), many);
        Assert.Equal(FitBudget.MinTrees, absurd.Trees);
    }
}
