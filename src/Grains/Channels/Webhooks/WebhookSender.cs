using System.Collections.Immutable;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using PPipe.Grains.Outbound;
using PPipe.Grains.Interfaces.Outbound;

namespace PPipe.Grains.Channels.Webhooks;

/// <summary>
/// Delivers a signed JSON notification to a student's webhook through the guarded outbound client.
/// Attempts are bounded, spaced with exponential backoff and each bounded by a timeout; every
/// attempt is returned to the caller (and logged), none is hidden. Retried: timeouts, transport
/// errors, 408, 425, 429 and 5xx. Final at once: 2xx, other statuses (the receiver answered) and a
/// forbidden address. Register as a singleton.
/// </summary>
internal sealed partial class WebhookSender
{
    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookSender> _logger;
    private readonly WebhookOptions _options;
    private readonly ResiliencePipeline<AttemptOutcome> _pipeline;

    public WebhookSender(OutboundHttp outbound, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookSender> logger)
    {
        _options = options.Value;
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAttempts, 1, "Webhooks:MaxAttempts");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.MaxAttempts, 10, "Webhooks:MaxAttempts");
        _time = time;
        _logger = logger;
        _client = outbound.CreateClient();
        // Each attempt is bounded by the pipeline's timeout instead.
        _client.Timeout = Timeout.InfiniteTimeSpan;

        var builder = new ResiliencePipelineBuilder<AttemptOutcome> { TimeProvider = time };
        if (_options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<AttemptOutcome>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Retry: true }),
                MaxRetryAttempts = _options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                Delay = _options.FirstRetryDelay,
                MaxDelay = _options.MaxRetryDelay,
                UseJitter = _options.UseJitter,
            });
        }

        _pipeline = builder.AddTimeout(_options.AttemptTimeout).Build();
    }

    /// <summary>
    /// POSTs <paramref name="body"/> (UTF-8 JSON) to <paramref name="url"/>, signed with
    /// <paramref name="secret"/> (unsigned when null: a chat service's webhook), until an attempt succeeds, fails for
    /// good, or attempts run out. Logs name the URL, or <paramref name="logAs"/> when the URL itself is a secret.
    /// Only <paramref name="cancellationToken"/> makes this throw; remote failures are in the result.
    /// </summary>
    public async Task<WebhookDelivery> SendAsync(Uri url, ReadOnlyMemory<byte> body, string? secret, CancellationToken cancellationToken, string? logAs = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var signature = secret is null ? null : WebhookSignature.Compute(body.Span, secret);
        var label = logAs ?? url.ToString();
        var attempts = ImmutableArray.CreateBuilder<WebhookAttempt>(_options.MaxAttempts);
        await _pipeline.ExecuteAsync(
            async attemptToken =>
            {
                var outcome = await AttemptAsync(url, label, body, signature, attempts.Count + 1, attemptToken, cancellationToken);
                attempts.Add(outcome.Attempt);
                return outcome;
            },
            cancellationToken);
        return new WebhookDelivery(attempts.ToImmutable());
    }

    private async ValueTask<AttemptOutcome> AttemptAsync(
        Uri url, string label, ReadOnlyMemory<byte> body, string? signature, int number, CancellationToken attemptToken, CancellationToken callerToken)
    {
        var at = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        OutboundFailure failure;
        int? status = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            if (signature is not null)
            {
                request.Headers.Add(WebhookSignature.HeaderName, signature);
            }

            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptToken);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var attempt = new WebhookAttempt(number, at, _time.GetElapsedTime(started), status, null, null);
                LogDelivered(label, number, status.Value, attempt.Latency.TotalMilliseconds);
                return new AttemptOutcome(attempt, Retry: false);
            }

            failure = OutboundFailure.Status(status.Value);
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            failure = OutboundFailure.TimedOut(_options.AttemptTimeout);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            failure = OutboundFailure.From(e);
        }

        var failed = new WebhookAttempt(number, at, _time.GetElapsedTime(started), status, failure.Kind, failure.Detail);
        var retry = IsRetryable(failed) && number < _options.MaxAttempts;
        LogFailed(label, number, _options.MaxAttempts, failure.Detail, failed.Latency.TotalMilliseconds, retry);
        return new AttemptOutcome(failed, retry);
    }

    private static bool IsRetryable(WebhookAttempt attempt) => attempt.Failure switch
    {
        OutboundFailureKind.ForbiddenAddress => false,
        OutboundFailureKind.HttpStatus => attempt.StatusCode is 408 or 425 or 429 or >= 500,
        _ => true,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Url} attempt {Attempt}: HTTP {Status} in {LatencyMs:0} ms")]
    private partial void LogDelivered(string url, int attempt, int status, double latencyMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Url} attempt {Attempt} of {MaxAttempts} failed: {Reason} after {LatencyMs:0} ms; retrying: {Retrying}")]
    private partial void LogFailed(string url, int attempt, int maxAttempts, string reason, double latencyMs, bool retrying);

    /// <summary>What one attempt produced, and whether the retry strategy should try again.</summary>
    private sealed record AttemptOutcome(WebhookAttempt Attempt, bool Retry);
}
