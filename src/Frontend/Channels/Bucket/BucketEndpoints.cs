using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;
using PPipe.Frontend.Students;
using PPipe.Grains.Interfaces.Credentials;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Scenarios;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;
using PPipe.Grains.Client.Releases;

namespace PPipe.Frontend.Channels.Bucket;

/// <summary>
/// The bucket channel: an S3-compatible subset (ListObjectsV2, GetObject, HeadObject) under <c>/s3</c>,
/// path-style, signed with AWS Signature V4. Each enrollment has one bucket holding the releases the
/// scenario delivers through the bucket channel, as <c>releases/0007.csv</c>. Objects are generated
/// on request and streamed; only their sizes are remembered.
/// </summary>
public static class BucketEndpoints
{
    public const string Mount = "/s3";
    private const int MaxCachedSizes = 100_000;
    private static readonly ConcurrentDictionary<(string Enrollment, int Seq), long> Sizes = new();

    public static IEndpointRouteBuilder MapBucketEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Mount + "/{**rest}", [HttpMethods.Get, HttpMethods.Head], HandleAsync).AllowAnonymous().DisableAntiforgery()
            .WithTags("Bucket")
            .WithSummary("S3-compatible bucket (ListObjectsV2, GetObject, HeadObject)")
            .WithDescription("Path-style /s3/<bucket>/<key>, signed with AWS Signature V4 over the full path, with the credentials in " +
                "GET /api/v1/me (bucket). Point S3 tools at --endpoint-url <platform>/s3. Objects are releases/0007.csv. Errors are S3's " +
                "XML error bodies (AccessDenied, NoSuchKey, SignatureDoesNotMatch).")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .Produces<string>(StatusCodes.Status206PartialContent, "text/csv")
            .Produces<string>(StatusCodes.Status400BadRequest, "application/xml")
            .Produces<string>(StatusCodes.Status403Forbidden, "application/xml")
            .Produces<string>(StatusCodes.Status404NotFound, "application/xml")
            .Produces<string>(StatusCodes.Status416RangeNotSatisfiable, "application/xml")
            .Produces<string>(StatusCodes.Status503ServiceUnavailable, "application/xml");
        return app;
    }

    private static async Task HandleAsync(HttpContext http, S3SignatureVerifier verifier, IGrainFactory grains, StudentContext students)
    {
        var request = S3Request.FromHttpContext(http);
        BucketKey? owner = null;
        var auth = await verifier.VerifyAsync(request, async (accessKeyId, _) =>
            (owner = await grains.GetGrain<IBucketKeyGrain>(BucketKeys.GrainKeyOf(accessKeyId)).ResolveAsync())?.SecretAccessKey,
            http.RequestAborted);
        if (!auth.Succeeded)
        {
            await ErrorAsync(http, auth.StatusCode, auth.ToError(request.RawPath, http.TraceIdentifier));
            return;
        }

        if (!request.TryGetResource(Mount, out var bucket, out var key) || bucket.Length == 0)
        {
            await ErrorAsync(http, 400, new S3Error("InvalidRequest", "Name a bucket: /s3/<bucket>/<key>.", request.RawPath, http.TraceIdentifier));
            return;
        }

        var enrollment = owner!.Enrollment;
        if (bucket != BucketKeys.BucketOf(enrollment))
        {
            await ErrorAsync(http, 403, new S3Error("AccessDenied", "Your key does not grant access to this bucket.", request.RawPath, http.TraceIdentifier));
            return;
        }

        var view = await students.ResolveAsync(enrollment);
        if (view.Schedule.Outages.FirstOrDefault(o => o.Channel == Channel.Bucket && o.Covers(view.Elapsed)) is { } outage)
        {
            http.Response.Headers.RetryAfter = view.SecondsUntil(outage.To).ToString(CultureInfo.InvariantCulture);
            await ErrorAsync(http, 503, new S3Error("ServiceUnavailable", "The bucket channel is in an outage; retry later.", request.RawPath, http.TraceIdentifier));
            return;
        }

        var objects = view.Schedule.ReleasesAvailableAt(view.Elapsed).Where(r => r.Channel == Channel.Bucket).ToList();
        var seed = await students.SeedOfAsync(enrollment);
        var generator = new ScenarioGenerator(view.Scenario, seed, view.Cohort.Clock.StartsAt);
        if (key.Length == 0)
        {
            await ListAsync(http, bucket, objects.Select(r => (Key: KeyOf(r.Seq), r.Seq, Modified: view.WallTimeAt(r.AvailableAt) ?? view.Now)).ToList(),
                enrollment, generator);
            return;
        }

        var match = objects.FirstOrDefault(r => KeyOf(r.Seq) == key);
        if (match is null)
        {
            await ErrorAsync(http, 404, new S3Error("NoSuchKey", "The specified key does not exist (yet).", request.RawPath, http.TraceIdentifier));
            return;
        }

        var size = await SizeOfAsync(enrollment, match.Seq, generator, http.RequestAborted);
        var response = http.Response;
        response.ContentType = "text/csv";
        response.Headers.ETag = ETagOf(enrollment, match.Seq, size);
        response.Headers.LastModified = (view.WallTimeAt(match.AvailableAt) ?? view.Now).ToString("R", CultureInfo.InvariantCulture);
        response.Headers.AcceptRanges = "bytes";
        var range = RangeOf(http.Request, size);
        if (range is { } r && (r.From >= size || r.From > r.To))
        {
            response.Headers.ContentRange = $"bytes */{size}";
            await ErrorAsync(http, 416, new S3Error("InvalidRange", "The requested range is not satisfiable.", request.RawPath, http.TraceIdentifier));
            return;
        }

        var (from, to) = range ?? (0, size - 1);
        to = Math.Min(to, size - 1);
        response.ContentLength = to - from + 1;
        if (range is not null)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = $"bytes {from}-{to}/{size}";
        }

        if (HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }

        await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).RecordFetchAsync(match.Seq, ChannelNames.Of(Channel.Bucket));
        await using var window = new ByteWindowStream(response.Body, from, to);
        await CsvRowWriter.WriteAsync(generator.OpenRelease(match.Seq), window, http.RequestAborted);
    }

    private static async Task ListAsync(HttpContext http, string bucket, List<(string Key, int Seq, DateTimeOffset Modified)> objects,
        EnrollmentKey enrollment, ScenarioGenerator generator)
    {
        var query = http.Request.Query;
        if (query.TryGetValue("list-type", out var listType) && listType != "2")
        {
            await ErrorAsync(http, 400, new S3Error("InvalidArgument", "Only ListObjectsV2 (list-type=2) is supported.", http.Request.Path, http.TraceIdentifier));
            return;
        }

        var prefix = query["prefix"].ToString();
        var delimiter = query["delimiter"].ToString();
        var startAfter = query["start-after"].ToString();
        var token = query["continuation-token"].ToString();
        var maxKeys = int.TryParse(query["max-keys"], CultureInfo.InvariantCulture, out var m) ? Math.Clamp(m, 0, 1000) : 1000;
        var after = token.Length > 0 ? Encoding.UTF8.GetString(Convert.FromBase64String(token)) : startAfter;

        var matching = objects.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(o.Key, after) > 0)
            .OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
        var contents = new List<S3ObjectSummary>();
        var prefixes = new SortedSet<string>(StringComparer.Ordinal);
        string? last = null;
        foreach (var o in matching)
        {
            if (contents.Count + prefixes.Count >= maxKeys)
            {
                break;
            }

            var rest = o.Key[prefix.Length..];
            if (delimiter.Length > 0 && rest.IndexOf(delimiter, StringComparison.Ordinal) is var cut and >= 0)
            {
                prefixes.Add(prefix + rest[..(cut + delimiter.Length)]);
            }
            else
            {
                var size = await SizeOfAsync(enrollment, o.Seq, generator, http.RequestAborted);
                contents.Add(new S3ObjectSummary(o.Key, o.Modified, ETagOf(enrollment, o.Seq, size), size));
            }

            last = o.Key;
        }

        var truncated = last is not null && matching[^1].Key != last;
        var result = new S3ListBucketResult(bucket, prefix, maxKeys, truncated, contents)
        {
            CommonPrefixes = [.. prefixes],
            Delimiter = delimiter.Length > 0 ? delimiter : null,
            ContinuationToken = token.Length > 0 ? token : null,
            NextContinuationToken = truncated ? Convert.ToBase64String(Encoding.UTF8.GetBytes(last!)) : null,
            StartAfter = startAfter.Length > 0 ? startAfter : null,
            EncodingType = query["encoding-type"].ToString() is { Length: > 0 } encoding ? encoding : null,
        };
        http.Response.ContentType = S3Xml.ContentType;
        await S3Xml.WriteListBucketResultAsync(http.Response.Body, result, http.RequestAborted);
    }

    public static string KeyOf(int seq) => ApiRoutes.ReleaseObjectKey(seq);

    /// <summary>The CSV's size, measured once by generating it into a counter.</summary>
    private static async ValueTask<long> SizeOfAsync(EnrollmentKey enrollment, int seq, ScenarioGenerator generator, CancellationToken cancellationToken)
    {
        if (Sizes.TryGetValue((enrollment.ToString(), seq), out var size))
        {
            return size;
        }

        await using var counter = new ByteWindowStream(null);
        await CsvRowWriter.WriteAsync(generator.OpenRelease(seq), counter, cancellationToken);
        if (Sizes.Count >= MaxCachedSizes)
        {
            Sizes.Clear();
        }

        return Sizes[(enrollment.ToString(), seq)] = counter.Written;
    }

    private static string ETagOf(EnrollmentKey enrollment, int seq, long size) =>
        "\"" + Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"{enrollment}/{seq}/{size}"))) + "\"";

    private static (long From, long To)? RangeOf(HttpRequest request, long size)
    {
        var header = request.Headers.Range.ToString();
        if (header.Length == 0 || !RangeHeaderValue.TryParse(header, out var parsed) || parsed.Ranges.Count != 1)
        {
            return null;
        }

        var range = parsed.Ranges.First();
        return range switch
        {
            { From: { } from, To: { } to } => (from, to),
            { From: { } from, To: null } => (from, size - 1),
            { From: null, To: { } suffix } => (Math.Max(0, size - suffix), size - 1),
            _ => null,
        };
    }

    private static async Task ErrorAsync(HttpContext http, int status, S3Error error)
    {
        http.Response.StatusCode = status;
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            http.Response.ContentType = S3Xml.ContentType;
            await S3Xml.WriteErrorAsync(http.Response.Body, error, http.RequestAborted);
        }
    }
}
