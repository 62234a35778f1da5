namespace PPipe.TestSupport;

/// <summary>The small public datasets kept in <c>tests/TestSupport/Datasets</c> (licence in its LICENSE.md), copied next to each test assembly.</summary>
public static class PublicDatasets
{
    /// <summary>The column names the tests give Iris in place of scikit-learn's first line.</summary>
    public const string IrisHeader = "sepal_length,sepal_width,petal_length,petal_width,species";

    /// <summary>Iris as scikit-learn ships it: a first line of counts and class names, then 150 rows.</summary>
    public static string IrisAsShipped() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Datasets", "iris.csv"));

    /// <summary>Iris with a header naming its columns: 150 rows of four measurements and the species (0, 1 or 2).</summary>
    public static string Iris()
    {
        var shipped = IrisAsShipped();
        return IrisHeader + shipped[shipped.IndexOf('\n', StringComparison.Ordinal)..];
    }
}
