using System.Security.Cryptography;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;
using PPipe.Scenarios.Templates;

namespace PPipe.Scenarios.Tests.Generation;

public sealed class DeterminismTests
{
    private const ulong Enrollment = 42;

    /// <summary>
    /// SHA-256 of release 3 as CSV and of batch 2 as JSON Lines, enrollment seed 42, cohort start 2026-01-05.
    /// A change here means every existing cohort would see different data: only accept one on purpose.
    /// </summary>
    public static TheoryData<string, string, string> Golden => new()
    {
        { "taxi-fares", "52bb68df04f353fd182bb63b2bc1cde2b9af501d9a22c9b87f518fd9740ec727", "ff6bfb8a838f320d271011de05f160c8840871e620600cf64ee99433b55255ad" },
        { "card-fraud", "f9d1bbce71d31cff57af40bfc1699cc72c1000c5d6ea9dd80b5d1f5b9e2f36c6", "42c3ade3a5b394f7264214f4c1b6ce6369d3d9356044de20baf6832cbd183ecf" },
        { "predictive-maintenance", "3eeeff018fa03e311942f123f01dc1fe594dbaa0129bd0993db398e92d7f0421", "3b9bcae72b9e7bb1573c46aebf033746a240cfd5d6bfe10d32808a69811096a2" },
        { "customer-churn", "d789b283adaefd0df2450ef05f8bc4e69150fda92bc841696f9349f5d6271121", "a5653523fd9bd3e97b8ec912c6d56f3609c1096ab33230e5fbd599c01f648a73" },
        { "energy-demand", "11633d585cf6ed507e1356b2dd67c7beb500fc76b403e9d3e1f269e29a453ac8", "0e3595c28af6acf23ff8ed1a2e9c5b39ca4f93649e9410d56d24ef6204090c97" },
        { "water-demand", "ad26a8a3ecdbc279e75995372116b20085010cb690944ed64cb4d11c4703b145", "0cfa80ef7c84818b80c657dfaa3add8015434a9aa3cdb025f952a4c94fadb23f" },
    };

    [Theory]
    [MemberData(nameof(Golden))]
    public async Task Release_ForFixedSeeds_MatchesGoldenHash(string id, string releaseHash, string batchHash)
    {
        var generator = new ScenarioGenerator(ScenarioTemplates.Get(id).Scenario, Enrollment, TestScenarios.Start);

        var release = await Csv(generator.OpenRelease(3));
        var batch = await JsonLines(generator.OpenBatch(2));

        Assert.Equal(releaseHash, Sha256(release));
        Assert.Equal(batchHash, Sha256(batch));
    }

    [Fact]
    public async Task Release_FromSeparateGenerators_IsByteIdentical()
    {
        var scenario = TestScenarios.Template("card-fraud");

        var first = await Csv(new ScenarioGenerator(scenario, 7, TestScenarios.Start).OpenRelease(11));
        var second = await Csv(new ScenarioGenerator(TestScenarios.Template("card-fraud"), 7, TestScenarios.Start).OpenRelease(11));

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Release_GeneratedOnItsOwn_EqualsReleaseGeneratedAfterOthers()
    {
        var scenario = TestScenarios.Template("customer-churn");
        var warm = new ScenarioGenerator(scenario, 9, TestScenarios.Start);
        for (var seq = 1; seq < 6; seq++)
        {
            await Csv(warm.OpenRelease(seq));
        }

        var afterOthers = await Csv(warm.OpenRelease(6));
        var alone = await Csv(new ScenarioGenerator(scenario, 9, TestScenarios.Start).OpenRelease(6));

        Assert.Equal(alone, afterOthers);
    }

    [Fact]
    public void Generator_DifferentEnrollments_GetDifferentRowsOfTheSameWorld()
    {
        var scenario = TestScenarios.Template("taxi-fares");

        var one = Table.Load(new ScenarioGenerator(scenario, 1, TestScenarios.Start).OpenRelease(20));
        var two = Table.Load(new ScenarioGenerator(scenario, 2, TestScenarios.Start).OpenRelease(20));

        Assert.Equal(one.Count, two.Count);
        Assert.Equal(one.Ids, two.Ids);
        Assert.Equal(one.Columns.Select(c => c.Name), two.Columns.Select(c => c.Name));
        Assert.NotEqual(one.Column("distance_km"), two.Column("distance_km"));
        var sameConcept = (Rmse(one.Actual, [.. one.Truths.Select(t => t.Oracle)]), Rmse(two.Actual, [.. two.Truths.Select(t => t.Oracle)]));
        Assert.Equal(sameConcept.Item1, sameConcept.Item2, 0.15);
    }

    [Fact]
    public void SeedFor_SameEnrollmentId_GivesSameSeedEverywhere()
    {
        Assert.Equal(ScenarioGenerator.SeedFor("cohort-7/student-12"), ScenarioGenerator.SeedFor("cohort-7/student-12"));
        Assert.NotEqual(ScenarioGenerator.SeedFor("cohort-7/student-12"), ScenarioGenerator.SeedFor("cohort-7/student-13"));
        Assert.Equal(0x0144B04FA0A610F6UL, ScenarioGenerator.SeedFor("enrollment"));
    }

    [Fact]
    public void Release_RowTimestamps_AreInTheWindowInTimeOrder()
    {
        var scenario = TestScenarios.Template("taxi-fares");
        var table = Table.Load(new ScenarioGenerator(scenario, 3, TestScenarios.Start).OpenRelease(5));

        Assert.All(table.Times, t => Assert.InRange(t, TimeSpan.FromDays(3), TimeSpan.FromDays(4)));
        Assert.Equal(table.Times.Order(), table.Times);
    }

    [Fact]
    public void Release_WithLag_HoldsRowsFromBeforeItsPublication()
    {
        var scenario = TestScenarios.Template("card-fraud");

        var table = Table.Load(new ScenarioGenerator(scenario, 3, TestScenarios.Start).OpenRelease(10));

        Assert.All(table.Times, t => Assert.InRange(t, TimeSpan.FromDays(1), TimeSpan.FromDays(2)));
    }

    [Fact]
    public void Generator_LaterCohortStart_StampsRowsInTheCohortsCalendar()
    {
        var scenario = TestScenarios.Template("energy-demand");
        var later = TestScenarios.Start.AddDays(3);

        var reader = new ScenarioGenerator(scenario, 3, later).OpenBatch(1);
        reader.Read();

        Assert.InRange(reader.Timestamp, later, later.AddDays(1));
        Assert.Equal(0, reader.Timestamp.Minute % 15);
    }

    private static double Rmse(double[] actual, double[] predicted) =>
        Math.Sqrt(actual.Zip(predicted, (a, p) => (a - p) * (a - p)).Average());

    private static async Task<byte[]> Csv(RowReader rows)
    {
        using var stream = new MemoryStream();
        await CsvRowWriter.WriteAsync(rows, stream, TestContext.Current.CancellationToken);
        return stream.ToArray();
    }

    private static async Task<byte[]> JsonLines(RowReader rows)
    {
        using var stream = new MemoryStream();
        await JsonLinesRowWriter.WriteAsync(rows, stream, TestContext.Current.CancellationToken);
        return stream.ToArray();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
