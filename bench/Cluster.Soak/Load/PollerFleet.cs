using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;

namespace PPipe.Cluster.Soak.Load;

/// <summary>
/// Every roster student polling <c>GET /api/v1/releases</c> with <c>If-None-Match</c> at a random interval, from
/// one timer queue and a bounded pool of workers, so 100,000 students cost a few dozen tasks. A poll that finds no
/// free worker waits: how long is recorded as poll lag (the generator, not the platform, falling behind).
/// </summary>
public sealed class PollerFleet(HttpClient http, RequestRecorder recorder, SoakOptions options)
{
    private static readonly TimeSpan DispatchEvery = TimeSpan.FromMilliseconds(25);
    private readonly Lock _lock = new();
    private readonly PriorityQueue<PollingStudent, long> _due = new();
    private readonly List<PollingStudent> _students = [];
    private readonly Channel<PollingStudent> _ready = Channel.CreateUnbounded<PollingStudent>(new UnboundedChannelOptions { SingleWriter = true });
    private long _polls;
    private long _downloads;

    public long Polls => Interlocked.Read(ref _polls);

    public long Downloads => Interlocked.Read(ref _downloads);

    public IReadOnlyList<PollingStudent> Students
    {
        get
        {
            lock (_lock)
            {
                return [.. _students];
            }
        }
    }

    /// <summary>Adds students; each polls first at a random moment within the longest interval.</summary>
    public void Add(IEnumerable<PollingStudent> students)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            foreach (var student in students)
            {
                student.DueAt = now + Ticks(Random.Shared.NextDouble() * options.PollMax.TotalSeconds);
                _students.Add(student);
                _due.Enqueue(student, student.DueAt);
            }
        }
    }

    /// <summary>Polls until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var workers = Enumerable.Range(0, Math.Max(1, options.PollWorkers)).Select(_ => WorkAsync(cancellationToken)).ToList();
        try
        {
            using var timer = new PeriodicTimer(DispatchEvery);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = Stopwatch.GetTimestamp();
                lock (_lock)
                {
                    while (_due.TryPeek(out var student, out var dueAt) && dueAt <= now)
                    {
                        _due.Dequeue();
                        _ready.Writer.TryWrite(student);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        _ready.Writer.TryComplete();
        await Task.WhenAll(workers);
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var student in _ready.Reader.ReadAllAsync(cancellationToken))
            {
                recorder.RecordPollLag(Stopwatch.GetElapsedTime(student.DueAt).TotalMilliseconds);
                try
                {
                    await PollAsync(student, cancellationToken);
                }
                catch (Exception e) when (e is HttpRequestException or IOException or JsonException
                    || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // Recorded by the handler; the student simply polls again at its next time.
                }

                var next = options.PollMin.TotalSeconds + Random.Shared.NextDouble() * (options.PollMax - options.PollMin).TotalSeconds;
                student.DueAt = Stopwatch.GetTimestamp() + Ticks(next);
                lock (_lock)
                {
                    _due.Enqueue(student, student.DueAt);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task PollAsync(PollingStudent student, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _polls);
        using var request = Request(student, "/api/v1/releases", RequestClass.Poll);
        if (student.ETag is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            student.ETag = response.Headers.ETag?.ToString();
            if (student.Downloader)
            {
                ReadListing(student, await response.Content.ReadAsByteArrayAsync(cancellationToken));
            }
        }

        foreach (var (seq, link) in student.PendingDownloads.ToList())
        {
            if (await DownloadAsync(student, link, cancellationToken))
            {
                student.PendingDownloads.Remove(seq);
                student.AddDownloaded(seq);
                Interlocked.Increment(ref _downloads);
            }
        }
    }

    /// <summary>Notes the releases listed since the last listing (none on the first: a pipeline starts from now).</summary>
    private static void ReadListing(PollingStudent student, byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var highest = student.HighestListed;
        foreach (var release in document.RootElement.GetProperty("releases").EnumerateArray())
        {
            var seq = release.GetProperty("seq").GetInt32();
            highest = Math.Max(highest, seq);
            if (student.HighestListed < 0 || seq <= student.HighestListed || release.GetProperty("channel").GetString() == "bucket")
            {
                continue;
            }

            student.PendingDownloads[seq] = release.TryGetProperty("links", out var links) && links.TryGetProperty("csv", out var csv)
                ? csv.GetString() ?? $"/api/v1/releases/{seq}.csv"
                : $"/api/v1/releases/{seq}.csv";
        }

        student.HighestListed = Math.Max(highest, 0);
    }

    private async Task<bool> DownloadAsync(PollingStudent student, string link, CancellationToken cancellationToken)
    {
        using var request = Request(student, link, RequestClass.Download);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return false;
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(Stream.Null, cancellationToken);
        return true;
    }

    private HttpRequestMessage Request(PollingStudent student, string path, RequestClass requestClass)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(http.BaseAddress!, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", student.Token);
        request.Options.Set(RecordingHandler.ClassKey, requestClass);
        request.Options.Set(FrontendBalancer.HomeKey, student.Home);
        return request;
    }

    private static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);
}
