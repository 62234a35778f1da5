using System.IO.Compression;

namespace PPipe.TestSupport;

/// <summary>The small public datasets kept in <c>tests/TestSupport/Datasets</c> (licence in its LICENSE.md), copied next to each test assembly.</summary>
public static class PublicDatasets
{
    /// <summary>The column names the tests give Iris in place of scikit-learn's first line.</summary>
    public const string IrisHeader = "sepal_length,sepal_width,petal_length,petal_width,species";

    /// <summary>Iris as scikit-learn ships it: a first line of counts and class names, then 150 rows.</summary>
    public static string IrisAsShipped() => File.ReadAllText(PathOf("iris.csv"));

    /// <summary>Iris with a header naming its columns: 150 rows of four measurements and the species (0, 1 or 2).</summary>
    public static string Iris()
    {
        var shipped = IrisAsShipped();
        return IrisHeader + shipped[shipped.IndexOf('\n', StringComparison.Ordinal)..];
    }

    /// <summary>
    /// The Wisconsin diagnostic breast cancer data as scikit-learn ships it: a first line of counts and class names
    /// (<c>569,30,malignant,benign</c>), then 569 rows of 30 measurements and the diagnosis (0 = malignant, 1 = benign).
    /// </summary>
    public static string BreastCancerAsShipped() => File.ReadAllText(PathOf("breast_cancer.csv"));

    /// <summary>scikit-learn's names of the breast cancer columns (spaces as underscores), the diagnosis last.</summary>
    public const string BreastCancerHeader =
        "mean_radius,mean_texture,mean_perimeter,mean_area,mean_smoothness,mean_compactness,mean_concavity,mean_concave_points," +
        "mean_symmetry,mean_fractal_dimension,radius_error,texture_error,perimeter_error,area_error,smoothness_error," +
        "compactness_error,concavity_error,concave_points_error,symmetry_error,fractal_dimension_error,worst_radius,worst_texture," +
        "worst_perimeter,worst_area,worst_smoothness,worst_compactness,worst_concavity,worst_concave_points,worst_symmetry," +
        "worst_fractal_dimension,diagnosis";

    /// <summary>
    /// Weekly mean CO2 at Mauna Loa (ppmv) from 1985-08-10 to 2001-12-29: 856 weeks with no week missing, one series with a
    /// trend and a yearly cycle; columns <c>week</c> (ISO date) and <c>co2</c>.
    /// </summary>
    public static string Co2Weekly() => File.ReadAllText(PathOf("co2_weekly.csv"));

    /// <summary>The breast cancer data with a header naming its columns: 569 rows of 30 measurements and the diagnosis (0 or 1).</summary>
    public static string BreastCancer()
    {
        var shipped = BreastCancerAsShipped();
        return BreastCancerHeader + shipped[shipped.IndexOf('\n', StringComparison.Ordinal)..];
    }

    /// <summary>
    /// The diabetes data's ten baseline variables for 442 patients (age, sex as 1 or 2, body mass index, blood
    /// pressure, six blood serum measurements), unscaled, one patient a line, separated by spaces.
    /// </summary>
    public static string DiabetesFeatures() => Gunzip("diabetes_data_raw.csv.gz");

    /// <summary>The diabetes data's target, one line per patient: disease progression one year after baseline.</summary>
    public static string DiabetesTarget() => Gunzip("diabetes_target.csv.gz");

    private static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Datasets", file);

    private static string Gunzip(string file)
    {
        using var gzip = new GZipStream(File.OpenRead(PathOf(file)), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }
}
