using PPipe.Scenarios.Generation;

namespace PPipe.ReferenceModels.Tests;

public sealed class DeterminismTests
{
    public static TheoryData<string> Datasets => ["iris", "breast cancer", "diabetes"];

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Fit_TwiceOnTheSameTable_GivesByteIdenticalResults(string dataset)
    {
        var first = ReferenceTrainer.Fit(Table(dataset, seed: 11), TestContext.Current.CancellationToken);

        var second = ReferenceTrainer.Fit(Table(dataset, seed: 11), TestContext.Current.CancellationToken);

        Assert.Equal(Bytes(first), Bytes(second));
    }

    [Fact]
    public void Fit_WithAnotherSeed_SplitsTheFoldsDifferently()
    {
        var first = ReferenceTrainer.Fit(Table("diabetes", seed: 11), TestContext.Current.CancellationToken);

        var second = ReferenceTrainer.Fit(Table("diabetes", seed: 12), TestContext.Current.CancellationToken);

        Assert.NotEqual(Bytes(first), Bytes(second));
    }

    private static ReferenceTable Table(string dataset, ulong seed) => dataset switch
    {
        "iris" => Dataset.Iris().TwoPeriods(species => (species + 1) % 3, seed),
        "breast cancer" => Dataset.BreastCancer().OnePeriod(seed),
        _ => Dataset.Diabetes().TwoPeriods(progression => progression * 1.5, seed),
    };

    private static byte[] Bytes(ReferenceFit fit)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        foreach (var output in fit.Oracle.Concat(fit.Stale))
        {
            Write(writer, output);
        }

        foreach (var model in fit.Models)
        {
            writer.Write(model.Name);
            writer.Write(model.TrainingRows);
            writer.Write(model.PredictedRows);
            writer.Write(model.Quality);
            writer.Write(model.Fallback ?? "");
            foreach (var quality in model.QualityByPeriod)
            {
                writer.Write(quality);
            }
        }

        writer.Flush();
        return stream.ToArray();
    }

    private static void Write(BinaryWriter writer, ConceptOutput output)
    {
        writer.Write(output.Value);
        writer.Write(output.Class);
        writer.Write(output.Probability);
    }
}
