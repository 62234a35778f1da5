using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Timeline;

namespace PPipe.Scenarios.Tests.Generation;

public sealed class QuirkTests
{
    [Fact]
    public void MissingValues_RateOnOneColumn_MatchesTheSpec()
    {
        var generator = new ScenarioGenerator(TestScenarios.Template("customer-churn"), 2, TestScenarios.Start);

        var release = Table.Load(generator.OpenRelease(2));

        Assert.Equal(0.35, release.Column("nps_score").Count(double.IsNaN) / (double)release.Count, 0.025);
        Assert.DoesNotContain(release.Column("tenure_months"), double.IsNaN);
    }

    [Fact]
    public void MissingValues_RateOnEveryColumn_MatchesTheSpecAndLastsItsWindow()
    {
        var scenario = TestScenarios.Read("""
            template: taxi-fares
            quirks:
              - {at: 5d, kind: missingValues, rate: 0.2, for: 2d}
            """);
        var generator = new ScenarioGenerator(scenario, 2, TestScenarios.Start);
        var features = new[] { "pickup_zone", "dropoff_zone", "distance_km", "duration_min", "passenger_count", "payment_type" };

        var inside = Table.Load(generator.OpenRelease(7));
        var outside = Table.Load(generator.OpenRelease(9));

        foreach (var feature in features)
        {
            Assert.Equal(0.2, inside.Column(feature).Count(double.IsNaN) / (double)inside.Count, 0.03);
            Assert.DoesNotContain(outside.Column(feature), double.IsNaN);
        }

        Assert.DoesNotContain(inside.Actual, double.IsNaN);
    }

    [Fact]
    public void MissingValues_SensorGap_DropsMostReadingsOnlyDuringTheGap()
    {
        var generator = new ScenarioGenerator(TestScenarios.Template("predictive-maintenance"), 2, TestScenarios.Start);

        var gap = Table.Load(generator.OpenRelease(14));
        var normal = Table.Load(generator.OpenRelease(10));

        Assert.Equal(0.7 + 0.3 * 0.01, gap.Column("vibration_mm_s").Count(double.IsNaN) / (double)gap.Count, 0.04);
        Assert.Equal(0.01, normal.Column("vibration_mm_s").Count(double.IsNaN) / (double)normal.Count, 0.01);
    }

    [Fact]
    public void Duplicates_ShareOfRows_MatchesTheSpecAndCopiesAreExact()
    {
        var generator = new ScenarioGenerator(TestScenarios.Template("customer-churn"), 2, TestScenarios.Start);

        var clean = Table.Load(generator.OpenRelease(4));
        var messy = Table.Load(generator.OpenRelease(5));

        Assert.Equal(clean.Count, clean.Ids.Distinct().Count());
        var seen = new Dictionary<string, int>();
        var duplicates = 0;
        for (var row = 0; row < messy.Count; row++)
        {
            if (seen.TryGetValue(messy.Ids[row], out var original))
            {
                duplicates++;
                Assert.Equal(messy.Rows[original], messy.Rows[row]);
            }
            else
            {
                seen[messy.Ids[row]] = row;
            }
        }

        Assert.Equal(0.05, duplicates / (double)messy.Count, 0.01);
    }

    [Fact]
    public void LateRows_DelayOfTwoReleases_LeaveTheirReleaseAndArriveInALaterOne()
    {
        var scenario = TestScenarios.Template("card-fraud");
        var generator = new ScenarioGenerator(scenario, 2, TestScenarios.Start);
        var schedule = new ScenarioSchedule(scenario);

        var ninth = Table.Load(generator.OpenRelease(9));
        var eleventh = Table.Load(generator.OpenRelease(11));

        var missingFromNinth = Enumerable.Range(0, scenario.Releases.Rows).Select(i => $"r0009-{i:D6}").Except(ninth.Ids).ToList();
        var arrivedInEleventh = eleventh.Ids.Where(id => id.StartsWith("r0009-", StringComparison.Ordinal)).ToList();
        Assert.Equal(0.08, missingFromNinth.Count / (double)scenario.Releases.Rows, 0.015);
        Assert.Equal(missingFromNinth, arrivedInEleventh);
        Assert.Equal(schedule.Releases[8].Rows, ninth.Count);
        Assert.Equal(schedule.Releases[10].Rows, eleventh.Count);
    }

    [Fact]
    public void ReleaseSize_DifferentEnrollments_IsTheSame()
    {
        var scenario = TestScenarios.Template("card-fraud");

        var one = Table.Load(new ScenarioGenerator(scenario, 1, TestScenarios.Start).OpenRelease(12));
        var two = Table.Load(new ScenarioGenerator(scenario, 2, TestScenarios.Start).OpenRelease(12));

        Assert.Equal(one.Ids, two.Ids);
    }

    [Fact]
    public void LabelNoise_Rate_FlipsThatShareOfReleasedLabelsOnly()
    {
        var noisy = TestScenarios.Read("template: customer-churn\nquirks:\n  - {at: 0d, kind: labelNoise, rate: 0.2}");
        var clean = TestScenarios.Read("template: customer-churn\nquirks: []");

        var noisyRelease = Table.Load(new ScenarioGenerator(noisy, 5, TestScenarios.Start).OpenRelease(3));
        var cleanRelease = Table.Load(new ScenarioGenerator(clean, 5, TestScenarios.Start).OpenRelease(3));
        var noisyBatch = Table.Load(new ScenarioGenerator(noisy, 5, TestScenarios.Start).OpenBatch(2));
        var cleanBatch = Table.Load(new ScenarioGenerator(clean, 5, TestScenarios.Start).OpenBatch(2));

        var flipped = noisyRelease.Actual.Zip(cleanRelease.Actual).Count(pair => pair.First != pair.Second);
        Assert.Equal(0.2, flipped / (double)noisyRelease.Count, 0.02);
        Assert.Equal(cleanRelease.Column("tenure_months"), noisyRelease.Column("tenure_months"));
        Assert.Equal(cleanBatch.Actual, noisyBatch.Actual);
    }

    [Fact]
    public void NewCategory_FromItsTime_AppearsWithItsShareAndEffect()
    {
        var scenario = TestScenarios.Template("card-fraud");
        var generator = new ScenarioGenerator(scenario, 5, TestScenarios.Start);

        var before = Table.Load(generator.OpenBatch(15));
        var after = Table.Load(generator.OpenBatch(22));

        var categories = after.Columns.Single(c => c.Name == "merchant_category").Categories;
        Assert.Equal("crypto_exchange", categories[^1]);
        Assert.DoesNotContain(Enumerable.Range(0, before.Count), i => before.Category(i, "merchant_category") == "crypto_exchange");
        var crypto = Enumerable.Range(0, after.Count).Where(i => after.Category(i, "merchant_category") == "crypto_exchange").ToList();
        Assert.Equal(0.03, crypto.Count / (double)after.Count, 0.012);
        Assert.True(crypto.Average(i => after.Truths[i].Oracle) > 2 * crypto.Average(i => after.Truths[i].Stale), "the stale model does not know the new category's risk");
    }

    [Fact]
    public void RenamedColumn_FromItsTime_ChangesTheHeader()
    {
        var scenario = TestScenarios.Template("customer-churn");
        var generator = new ScenarioGenerator(scenario, 5, TestScenarios.Start);
        var schedule = new ScenarioSchedule(scenario);

        var before = generator.OpenRelease(4).Columns.Select(c => c.Name).ToList();
        var after = generator.OpenRelease(5).Columns.Select(c => c.Name).ToList();

        Assert.Contains("monthly_charge", before);
        Assert.DoesNotContain("monthly_fee_eur", before);
        Assert.Equal(before.IndexOf("monthly_charge"), after.IndexOf("monthly_fee_eur"));
        Assert.DoesNotContain("monthly_charge", after);
        Assert.Equal(after, schedule.Releases[4].Columns);
        Assert.Contains("monthly_fee_eur", generator.OpenBatch(4).Columns.Select(c => c.Name));
    }

    [Fact]
    public void AddedColumn_RevealingAHiddenFeature_AppearsWithTheValuesThatDroveTheWorld()
    {
        var scenario = TestScenarios.Template("energy-demand");
        var generator = new ScenarioGenerator(scenario, 5, TestScenarios.Start);

        var before = Table.Load(generator.OpenRelease(10));
        var after = Table.Load(generator.OpenRelease(11));

        Assert.False(before.Has("solar_irradiance_wm2"));
        Assert.Equal("solar_irradiance_wm2", after.Columns[^2].Name);
        var solar = after.Column("solar_irradiance_wm2");
        Assert.Contains(solar, v => v > 300);
        Assert.All(Enumerable.Range(0, after.Count), i =>
        {
            var hour = (TestScenarios.Start + after.Times[i]).Hour;
            if (hour < 6 || hour >= 18)
            {
                Assert.Equal(0, solar[i]);
            }
        });
    }

    [Fact]
    public void AddedColumn_NewCategoricalColumn_HoldsItsValues()
    {
        var generator = new ScenarioGenerator(TestScenarios.Template("predictive-maintenance"), 5, TestScenarios.Start);

        var before = Table.Load(generator.OpenRelease(20));
        var after = Table.Load(generator.OpenRelease(21));

        Assert.False(before.Has("firmware_version"));
        Assert.All(Enumerable.Range(0, after.Count), i => Assert.Equal("4.2.0", after.Category(i, "firmware_version")));
    }
}
