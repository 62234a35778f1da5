using System.Globalization;

namespace PPipe.Api.Bench;

/// <summary>A process's resident set (VmRSS in /proc/&lt;pid&gt;/status), read once it has settled.</summary>
public static class ProcessMemory
{
    public sealed record Reading(long KiB, bool Collected, int Samples);

    private const int MaxSamples = 15;
    private const int StableSamples = 3;
    private const double StableSpread = 0.005;

    public static long ResidentKiB(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{processId}/status has no VmRSS line.");
    }

    /// <summary>
    /// Forces two full collections in the process, then samples VmRSS once a second until three samples in
    /// a row agree within 0.5% (the GC hands memory back gradually), at most 15 samples.
    /// </summary>
    public static async Task<Reading> SettledAsync(int processId, CancellationToken cancellationToken)
    {
        // Twice: objects the first collection finds dead only once their finalizers ran go in the second.
        var collected = await RemoteGc.TryCollectAsync(processId, cancellationToken)
            && await RemoteGc.TryCollectAsync(processId, cancellationToken);
        var samples = new List<long>();
        while (samples.Count < MaxSamples)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            samples.Add(ResidentKiB(processId));
            if (samples.Count >= StableSamples)
            {
                var recent = samples[^StableSamples..];
                if (recent.Max() - recent.Min() <= recent.Max() * StableSpread)
                {
                    break;
                }
            }
        }

        return new Reading(samples[^1], collected, samples.Count);
    }
}
