using PPipe.Cluster.Soak;
using PPipe.Cluster.Soak.Load;
using PPipe.Cluster.Soak.Report;
using PPipe.Integration.Tests.Assessment;

namespace PPipe.Integration.Tests.Soak;

/// <summary>
/// The cluster soak's ci profile (<c>bench/Cluster.Soak</c>) as CI runs it: PostgreSQL, the migration, three silos and two
/// front ends as real processes; 10,000 students in five cohorts, each roster in one upload and then again; three minutes of
/// every student polling, event streams, simulated students of every archetype on every channel and webhooks, through a
/// silo's <c>kill -9</c>, PostgreSQL stopped for 30 s and a front end's <c>kill -9</c>. What is asserted holds on any
/// machine: nothing acknowledged is lost, no host dies by itself, every student's token reaches the instructor and a
/// repeated roster changes nothing, and no request is answered 500. How fast and how late are the bench's figures (its
/// results file, whose path the test prints), never asserted. It loads both cores for minutes, so it runs alone. The hosts'
/// logs are deleted when it passes.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class ClusterSoakTests
{
    [Fact]
    public async Task SoakCiProfile_ThroughEveryFault_NothingAcknowledgedLostAndNo500()
    {
        var results = Path.Combine(Path.GetTempPath(), $"ppipe-soak-ci-{Guid.NewGuid():N}.md");
        // The hosts were built with the solution; the soak starts them from their Release output.
        var options = SoakProfiles.Ci with { Build = false, ResultsPath = results };
        using var progress = new StringWriter();
        var report = await new SoakRun(options, TextWriter.Synchronized(progress)).RunAsync(TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(results, ResultsWriter.Write(report), TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine($"Soak results: {results}\n{progress}");
        var context = $"\n(results: {results}; logs: {report.LogDirectory})\n{progress}";

        Assert.True(report.Aborted is null, $"The soak stopped early: {report.Aborted}{context}");
        Assert.True(report.Cohorts.Count == 5 && report.Cohorts.Sum(c => c.Roster.Count) == 10_000,
            $"{report.Cohorts.Count} cohorts of {report.Cohorts.Sum(c => c.Roster.Count)} students{context}");
        Assert.True(report.Faults.Count == 3 && report.Faults.All(f => f.Error is null),
            $"Faults: {string.Join("; ", report.Faults.Select(f => $"{f.Name} {f.Error ?? "ok"}"))}{context}");

        Assert.True(report.Losses.Count > 0 && report.Losses.All(l => l.Checked > 0), $"Nothing was checked for lost work{context}");
        Assert.True(report.LostWork == 0,
            $"Acknowledged work lost: {string.Join("; ", report.Losses.Select(l => $"{l.Kind}: {l.Lost} of {l.Checked} ({string.Join(", ", l.Examples)})"))}{context}");
        Assert.True(report.UnplannedExits.Count == 0, $"Hosts ended by themselves: {string.Join("; ", report.UnplannedExits)}{context}");
        Assert.True(report.StudentsWithoutToken == 0, $"{report.StudentsWithoutToken} enrolled students' tokens never reached the instructor{context}");

        foreach (var cohort in report.Cohorts)
        {
            Assert.True(cohort.Repeat is { Status: 200, Enrolled: 0 } && cohort.TokensChangedByRepeat == 0,
                $"Cohort {cohort.Index}: the same roster again gave {cohort.Repeat}, {cohort.TokensChangedByRepeat} tokens changed{context}");
            Assert.True(cohort.TokensAfterRepeat.Sampled > 0 && cohort.TokensAfterRepeat.StillValid == cohort.TokensAfterRepeat.Sampled,
                $"Cohort {cohort.Index}: {cohort.TokensAfterRepeat.StillValid} of {cohort.TokensAfterRepeat.Sampled} sampled tokens still valid{context}");
            Assert.True(cohort.EnrolledAfterRepeat == (cohort.Roster.Count, cohort.Roster.Count),
                $"Cohort {cohort.Index}: {cohort.Roster.Count} in the roster, the cohort and its summary say {cohort.EnrolledAfterRepeat}{context}");
        }

        var served500 = report.Requests.Count(Outcome.Status500, 0, RequestRecorder.MaxSeconds);
        Assert.True(served500 == 0, $"{served500} requests answered 500{context}");

        // The hosts' logs (about 300 MB) are kept only when something above failed, for whoever reads the failure.
        try
        {
            Directory.Delete(report.LogDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A host's last lines still being written: the temp folder keeps them, nothing the test asserts.
        }
    }
}
