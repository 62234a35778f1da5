using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Outbound;
using PPipe.Grains.Interfaces.Probes;

namespace PPipe.Assessment.Tests.Assessment;

public sealed class ProbeLedgerTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(ProbeLedger).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static readonly TimeSpan Start = SyntheticStudent.Template("taxi-fares").Endpoint!.From;

    [Theory]
    [InlineData("taxi-fares", 6)]
    [InlineData("card-fraud", 6)]
    [InlineData("predictive-maintenance", 6)]
    [InlineData("customer-churn", 12)]
    [InlineData("energy-demand", 6)]
    public void BucketWidthFor_Templates_WholeHoursAtMostMaxBuckets(string template, int hours)
    {
        var scenario = SyntheticStudent.Template(template);

        var width = ProbeLedger.BucketWidthFor(scenario);

        Assert.Equal(TimeSpan.FromHours(hours), width);
        Assert.True(scenario.Duration / width <= ProbeLedger.MaxBuckets);
    }

    [Fact]
    public void Record_MillionProbes_StaysBounded()
    {
        var scenario = SyntheticStudent.Template("taxi-fares");
        var ledger = ProbeLedger.For(scenario);

        RecordSpread(ledger, 1_000_000, scenario.Duration, firstSlot: 0);
        var bytes = Serializer.SerializeToArray(ledger).Length;
        RecordSpread(ledger, 1_000_000, scenario.Duration, firstSlot: 1_000_000);
        var twice = Serializer.SerializeToArray(ledger).Length;

        Assert.True(ledger.Buckets.Count <= ProbeLedger.MaxBuckets, $"{ledger.Buckets.Count} buckets");
        Assert.Equal(ProbeLedger.RecentCapacity, ledger.Newest.Count);
        Assert.True(ledger.Seen.Count <= ProbeLedger.SeenCapacity);
        // About 30 KB: 112 buckets whose latencies spread over three decades, and 50 recent results.
        Assert.True(bytes < 40 * 1024, $"{bytes} bytes");
        Assert.True(twice < bytes * 1.1, $"{bytes} bytes after 1M probes, {twice} after 2M");
        Assert.Equal(2_000_000, ledger.Buckets.Sum(b => b.Attempts));
    }

    [Fact]
    public void Record_SerializedAndRead_KeepsEverything()
    {
        var ledger = ProbeLedger.For(SyntheticStudent.Template("taxi-fares"));
        RecordSpread(ledger, 5_000, TimeSpan.FromDays(28), firstSlot: 0);

        var copy = Serializer.Deserialize<ProbeLedger>(Serializer.SerializeToArray(ledger))!;

        Assert.Equal(ledger.BucketWidth, copy.BucketWidth);
        Assert.Equal(ledger.Buckets.Select(b => (b.Index, b.Attempts, b.Successes, b.Rows)), copy.Buckets.Select(b => (b.Index, b.Attempts, b.Successes, b.Rows)));
        Assert.Equal(ledger.Recent(50), copy.Recent(50));
        Assert.Equal(ledger.LatencyQuantile(0.95), copy.LatencyQuantile(0.95));
        Assert.False(copy.Record(ledger.Newest[^1]));
    }

    [Fact]
    public void Record_SameReportTwice_CountsOnce()
    {
        var ledger = ProbeLedger.For(SyntheticStudent.Template("taxi-fares"));
        var report = Enumerable.Range(0, 300).SelectMany(Attempts).ToList();
        foreach (var result in report)
        {
            Assert.True(ledger.Record(result));
        }

        var before = Serializer.SerializeToArray(ledger);

        var again = report.Select(ledger.Record).ToList();

        Assert.All(again, Assert.False);
        Assert.Equal(before, Serializer.SerializeToArray(ledger));
    }

    [Fact]
    public void Record_SlotProbedAgainAfterCrash_NotCountedAgain()
    {
        var ledger = ProbeLedger.For(SyntheticStudent.Template("taxi-fares"));
        ledger.Record(Result(7, 1, ok: false));

        var recorded = ledger.Record(Result(7, 1, ok: true) with { At = SyntheticStudent.Wall(Start + TimeSpan.FromHours(8)) });

        Assert.False(recorded);
        Assert.Equal((1, 0), (ledger.Buckets.Sum(b => b.Attempts), ledger.Buckets.Sum(b => b.Successes)));
    }

    [Fact]
    public void Record_SlotsOutOfOrder_EachCountedOnce()
    {
        var ledger = ProbeLedger.For(SyntheticStudent.Template("taxi-fares"));

        var recorded = new[] { 5L, 3, 4, 3, 5, 2 }.Select(slot => ledger.Record(Result(slot, 1, ok: true))).ToList();

        Assert.Equal([true, true, true, false, false, true], recorded);
        Assert.Equal(4, ledger.Buckets.Sum(b => b.Attempts));
    }

    [Fact]
    public void Record_SlotOlderThanItsMemory_Refused()
    {
        var ledger = ProbeLedger.For(SyntheticStudent.Template("taxi-fares"));
        for (var slot = 0L; slot <= ProbeLedger.SeenCapacity; slot++)
        {
            ledger.Record(Result(slot, 1, ok: true));
        }

        Assert.Equal(1, ledger.SeenFloor);
        Assert.False(ledger.Record(Result(0, 2, ok: true)));
        Assert.True(ledger.Record(Result(1, 2, ok: true)));
    }

    [Fact]
    public void Record_VerificationProbe_ShownButNotCounted()
    {
        var ledger = ProbeLedger.For(SyntheticStudent.Template("taxi-fares"));
        var verification = Result(ProbeResult.VerificationSlot, 1, ok: true) with { ScenarioAt = TimeSpan.FromDays(1) };

        Assert.True(ledger.Record(verification));
        Assert.False(ledger.Record(verification));
        Assert.True(ledger.Record(verification with { At = verification.At.AddMinutes(5) }));

        Assert.Empty(ledger.Buckets);
        Assert.Equal(2, ledger.Recent(10).Count);
        Assert.Equal(TimeSpan.FromDays(1), ledger.FirstProbeAt);
    }

    [Fact]
    public void Recent_Limit_NewestFirst()
    {
        var ledger = ProbeLedger.For(SyntheticStudent.Template("taxi-fares"));
        for (var slot = 0L; slot < 60; slot++)
        {
            ledger.Record(Result(slot, 1, ok: true));
        }

        Assert.Equal([59L, 58, 57], ledger.Recent(3).Select(r => r.Slot));
        Assert.Equal(ProbeLedger.RecentCapacity, ledger.Recent(1000).Count);
        Assert.Empty(ledger.Recent(-1));
    }

    [Fact]
    public void Record_LongError_KeptCut()
    {
        var ledger = ProbeLedger.For(SyntheticStudent.Template("taxi-fares"));

        ledger.Record(Result(0, 1, ok: false) with { Error = new string('x', 5000) });

        Assert.Equal(ProbeLedger.MaxErrorLength, ledger.Recent(1)[0].Error!.Length);
    }

    [Fact]
    public void Record_Failures_CountedByKindInTheirBucket()
    {
        var ledger = ProbeLedger.For(SyntheticStudent.Template("taxi-fares"));

        ledger.Record(Result(0, 1, ok: false));
        ledger.Record(Result(0, 2, ok: false) with { Failure = OutboundFailureKind.Connect });
        ledger.Record(Result(0, 3, ok: true));

        var bucket = Assert.Single(ledger.Buckets);
        Assert.Equal((int)(Start / ledger.BucketWidth), bucket.Index);
        Assert.Equal((3, 1), (bucket.Attempts, bucket.Successes));
        Assert.Equal((1, 1), (bucket.FailuresOf((int)OutboundFailureKind.Timeout), bucket.FailuresOf((int)OutboundFailureKind.Connect)));
        Assert.Equal((20, 20 * 1.5, 20 * 1.0, 20 * 2.0), (bucket.Rows, bucket.LossSum, bucket.OracleLossSum, bucket.StaleLossSum));
    }

    [Fact]
    public void Record_WithoutBucketWidth_Throws()
    {
        var ledger = new ProbeLedger();

        Assert.Throws<InvalidOperationException>(() => ledger.Record(Result(0, 1, ok: true)));
    }

    private static IEnumerable<ProbeResult> Attempts(int slot) =>
        slot % 10 == 0 ? [Result(slot, 1, ok: false), Result(slot, 2, ok: true)] : [Result(slot, 1, ok: true)];

    private static ProbeResult Result(long slot, int attempt, bool ok, double latencyMs = 50)
    {
        var t = Start + TimeSpan.FromHours(slot);
        return ok
            ? new ProbeResult(slot, attempt, SyntheticStudent.Wall(t) + TimeSpan.FromSeconds(attempt), t, true, 200, latencyMs, null, null, 20, new ProbeQuality(20, double.NaN, 1.5, 1.0, 2.0))
            : new ProbeResult(slot, attempt, SyntheticStudent.Wall(t) + TimeSpan.FromSeconds(attempt), t, false, null, 2000, OutboundFailureKind.Timeout, "No answer within 2 s.", 20, null);
    }

    /// <summary>Records <paramref name="count"/> distinct slots from <paramref name="firstSlot"/> on, spread over the scenario, with latencies from 5 ms to 5 s
    /// and every 50th attempt failing.</summary>
    private static void RecordSpread(ProbeLedger ledger, int count, TimeSpan duration, long firstSlot)
    {
        var random = new Random(7);
        var step = duration / count;
        for (var i = 0; i < count; i++)
        {
            var slot = firstSlot + i;
            var t = step * i;
            var result = slot % 50 == 0
                ? new ProbeResult(slot, 1, SyntheticStudent.Wall(t), t, false, 503, 12, OutboundFailureKind.HttpStatus, "503 Service Unavailable", 20, null)
                : new ProbeResult(slot, 1, SyntheticStudent.Wall(t), t, true, 200, 5 * Math.Pow(1000, random.NextDouble()), null, null, 20, new ProbeQuality(20, 0.9, 1.2, 1.0, 2.0));
            ledger.Record(result);
        }
    }
}
