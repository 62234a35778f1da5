namespace PPipe.Cluster.Soak.Load;

/// <summary>
/// A roster student's program at its simplest: it polls the release list with its ETag and, when it is a
/// downloader, fetches each new REST release as it appears. Touched by one poll at a time.
/// </summary>
public sealed class PollingStudent(string cohortId, string studentId, string token, int home, bool downloader)
{
    private readonly Lock _lock = new();
    private readonly List<int> _downloaded = [];

    public string CohortId { get; } = cohortId;

    public string StudentId { get; } = studentId;

    public string Token { get; } = token;

    /// <summary>The front end this student's connection goes to (while it is up).</summary>
    public int Home { get; } = home;

    public bool Downloader { get; } = downloader;

    public string? ETag { get; set; }

    /// <summary>The highest release seq listed so far; -1 before the first listing (releases out before it are not downloaded).</summary>
    public int HighestListed { get; set; } = -1;

    /// <summary>Releases listed after the first listing whose download has not succeeded yet, with their link.</summary>
    public Dictionary<int, string> PendingDownloads { get; } = [];

    /// <summary>When the next poll is due (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public long DueAt { get; set; }

    /// <summary>Releases downloaded with a 200 and read to the end: each must be in the platform's acquisition record.</summary>
    public IReadOnlyList<int> Downloaded
    {
        get
        {
            lock (_lock)
            {
                return [.. _downloaded];
            }
        }
    }

    public void AddDownloaded(int seq)
    {
        lock (_lock)
        {
            _downloaded.Add(seq);
        }
    }
}
