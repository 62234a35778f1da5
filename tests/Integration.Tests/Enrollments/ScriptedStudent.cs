using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PPipe.Integration.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Integration.Tests.Enrollments;

/// <summary>
/// A student's pipeline as a student would write it: polls the release list with ETags, listens to
/// the event stream, takes webhook notifications, and downloads every release through the channel
/// the scenario assigns it (the bucket with the real AWS CLI). It records what it did, so a test can
/// compare that with what the platform recorded.
/// </summary>
public sealed class ScriptedStudent(HttpClient http, WebhookReceiver webhook) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<int> _announced = [];
    private readonly HashSet<int> _batchesFetched = [];
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _events;

    /// <summary>(seq, channel) of every release fetched, and when the fetch finished.</summary>
    public Dictionary<int, (string Channel, DateTimeOffset At)> Fetched { get; } = [];

    public int NotModified { get; private set; }

    /// <summary>503 answers seen (e.g. while a killed silo's work moves); each was retried.</summary>
    public int Unavailable { get; private set; }

    public string? WebhookSecret { get; private set; }

    public JsonElement Me { get; private set; }

    private readonly List<(DateTimeOffset At, string Body)> _responses = [];

    /// <summary>Every student-facing response body this pipeline received so far, with when it arrived.</summary>
    public IReadOnlyList<(DateTimeOffset At, string Body)> Responses
    {
        get
        {
            lock (_responses)
            {
                return [.. _responses];
            }
        }
    }

    /// <summary>Batches whose features were downloaded while open.</summary>
    public IReadOnlySet<int> BatchesFetched
    {
        get
        {
            lock (_batchesFetched)
            {
                return _batchesFetched.ToHashSet();
            }
        }
    }

    /// <summary>
    /// Registers the webhook and opens the event stream, returning once the stream is open: the platform
    /// notifies only releases published after that.
    /// </summary>
    public async Task StartAsync()
    {
        var registration = await http.PutAsJsonAsync("/api/v1/webhook", new { url = webhook.Url }, Ct);
        Assert.Equal(HttpStatusCode.OK, registration.StatusCode);
        WebhookSecret = (await registration.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("secret").GetString();
        Me = await http.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        _events = ListenAsync();
        if (await Task.WhenAny(_listening.Task, _events).WaitAsync(Ct) == _events)
        {
            await _events; // surfaces why the stream could not be opened
            Assert.Fail("The event stream ended before it opened.");
        }
    }

    /// <summary>
    /// Runs the pipeline until <paramref name="releases"/> releases are fetched. Every release listed is
    /// remembered until it is fetched and tried again each round, whatever the poll answered: a webhook or
    /// stream notice may come long after the last change to the list, and a download that met a server
    /// failing over (503) is simply retried.
    /// </summary>
    public async Task FetchAllAsync(int releases, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? etag = null;
        var listed = new SortedDictionary<int, JsonElement>();
        var bucket = Me.GetProperty("bucket");
        using var aws = new AwsCli(bucket.GetProperty("endpoint").GetString()!, bucket.GetProperty("accessKeyId").GetString()!,
            bucket.GetProperty("secretAccessKey").GetString()!, bucket.GetProperty("region").GetString()!);
        while (Fetched.Count < releases)
        {
            Assert.True(DateTime.UtcNow < deadline,
                $"Only {Fetched.Count} of {releases} releases fetched in time: [{string.Join(", ", Fetched.Keys)}]; " +
                $"listed: [{string.Join(", ", listed.Keys)}]; 503 answers: {Unavailable}; " +
                $"webhook requests received: {webhook.Received.Count}; stream announced: [{string.Join(", ", Announced())}].");
            using var poll = new HttpRequestMessage(HttpMethod.Get, "/api/v1/releases");
            if (etag is not null)
            {
                poll.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
            }

            using var response = await http.SendAsync(poll, Ct);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Unavailable++; // a server is failing over: a pipeline retries
            }
            else if (response.StatusCode == HttpStatusCode.NotModified)
            {
                NotModified++;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                etag = response.Headers.ETag!.Tag;
                var list = JsonDocument.Parse(await ReadAsync(response)).RootElement;
                foreach (var release in list.GetProperty("releases").EnumerateArray())
                {
                    listed[release.GetProperty("seq").GetInt32()] = release.Clone();
                }
            }

            foreach (var release in listed.Where(r => !Fetched.ContainsKey(r.Key)).Select(r => r.Value).ToList())
            {
                try
                {
                    await TryFetchAsync(release, aws, bucket.GetProperty("bucket").GetString()!);
                }
                catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Unavailable++;
                }
            }

            await FetchOpenBatchesAsync();
            await Task.Delay(250, Ct);
        }
    }

    /// <summary>
    /// Downloads the features of every open batch not downloaded yet, as a pipeline that predicts them would. The
    /// stream's batch-opened notices trigger the same download at once; this catches any the stream missed.
    /// </summary>
    private async Task FetchOpenBatchesAsync()
    {
        using var response = await http.GetAsync("/api/v1/batches", Ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return;
        }

        foreach (var batch in JsonDocument.Parse(await ReadAsync(response)).RootElement.EnumerateArray())
        {
            if (batch.GetProperty("status").GetString() == "open")
            {
                await FetchBatchAsync(batch, Ct);
            }
        }
    }

    /// <summary>
    /// Downloads a batch's features (a batch entry or a batch-opened notice) unless done already. It counts as
    /// fetched while open only when the download finished before the batch was due; after a 503 (a silo failing
    /// over) a later round tries again while the batch is open.
    /// </summary>
    private async Task FetchBatchAsync(JsonElement batch, CancellationToken cancellationToken)
    {
        var seq = batch.GetProperty("seq").GetInt32();
        var dueAt = batch.GetProperty("dueAt").ValueKind == JsonValueKind.Null ? DateTimeOffset.MaxValue : batch.GetProperty("dueAt").GetDateTimeOffset();
        lock (_batchesFetched)
        {
            if (_batchesFetched.Contains(seq) || DateTimeOffset.UtcNow >= dueAt)
            {
                return;
            }
        }

        using var features = await http.GetAsync($"/api/v1/batches/{seq}/features.csv", cancellationToken);
        await ReadAsync(features);
        if (features.IsSuccessStatusCode && DateTimeOffset.UtcNow < dueAt)
        {
            lock (_batchesFetched)
            {
                _batchesFetched.Add(seq);
            }
        }
    }

    private async Task<string> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Keep(body);
        return body;
    }

    private async Task<string> GetStringAsync(string? path)
    {
        using var response = await http.GetAsync(path, Ct);
        var body = await ReadAsync(response);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}", null, response.StatusCode);
        }

        return body;
    }

    private async Task TryFetchAsync(JsonElement release, AwsCli aws, string bucketName)
    {
        var seq = release.GetProperty("seq").GetInt32();
        var rows = release.GetProperty("rows").GetInt32();
        var channel = release.GetProperty("channel").GetString()!;
        if (Fetched.ContainsKey(seq))
        {
            return;
        }

        string body;
        switch (channel)
        {
            case "api":
                body = await GetStringAsync(release.GetProperty("links").GetProperty("csv").GetString());
                Assert.Equal(rows + 1, Lines(body));
                break;
            case "bucket":
                var copy = await aws.RunAsync("s3", "cp", $"s3://{bucketName}/releases/{seq:0000}.csv", "-");
                if (copy.ExitCode != 0 && copy.Error.Contains("503", StringComparison.Ordinal))
                {
                    Unavailable++;
                    return;
                }

                Assert.True(copy.ExitCode == 0, copy.Error);
                Keep(copy.Output);
                Assert.Equal(rows + 1, Lines(copy.Output));
                break;
            case "webhook":
                if (!Notified(seq))
                {
                    return; // wait for the push
                }

                body = await GetStringAsync(release.GetProperty("links").GetProperty("csv").GetString());
                Assert.Equal(rows + 1, Lines(body));
                break;
            case "stream":
                lock (_announced)
                {
                    if (!_announced.Contains(seq))
                    {
                        return; // wait for the announcement
                    }
                }

                body = await GetStringAsync(release.GetProperty("links").GetProperty("jsonl").GetString());
                Assert.Equal(rows, Lines(body));
                break;
            default:
                throw new InvalidOperationException($"Unknown channel {channel}.");
        }

        Fetched[seq] = (channel, DateTimeOffset.UtcNow);
    }

    /// <summary>True once a correctly signed notification for release <paramref name="seq"/> arrived.</summary>
    private bool Notified(int seq) => webhook.Received.Any(r =>
        r.Signature == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret!), r.Body))
        && JsonDocument.Parse(r.Body).RootElement.GetProperty("release").GetProperty("seq").GetInt32() == seq);

    private async Task ListenAsync()
    {
        try
        {
            using var stream = await http.GetStreamAsync("/api/v1/events", _stop.Token);
            _listening.TrySetResult();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            string? name = null;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    Keep(line);
                }

                if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "release")
                {
                    var seq = JsonDocument.Parse(line["data: ".Length..]).RootElement.GetProperty("seq").GetInt32();
                    lock (_announced)
                    {
                        _announced.Add(seq);
                    }
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "batch-opened")
                {
                    // A batch is open for a short while: fetch it now, not when the release loop comes round.
                    await FetchBatchAsync(JsonDocument.Parse(line["data: ".Length..]).RootElement, _stop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private void Keep(string body)
    {
        lock (_responses)
        {
            _responses.Add((DateTimeOffset.UtcNow, body));
        }
    }

    private int[] Announced()
    {
        lock (_announced)
        {
            return [.. _announced];
        }
    }

    private static int Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_events is not null)
        {
            await _events;
        }

        _stop.Dispose();
    }
}
