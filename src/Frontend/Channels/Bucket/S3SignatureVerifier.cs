using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PPipe.Frontend.Channels.Bucket;

/// <summary>
/// Verifies AWS Signature Version 4 on requests from S3 clients (AWS CLI, boto3, SDKs) to the
/// path-style bucket endpoint, in both forms: the <c>Authorization: AWS4-HMAC-SHA256 ...</c> header
/// and presigned URLs (<c>X-Amz-*</c> query parameters). The canonical request is rebuilt from the
/// raw target, so the signature covers the full path as the client sent it (including the mount
/// prefix such as <c>/s3</c>). The request body is not read: the payload hash is taken as declared
/// (<c>x-amz-content-sha256</c>, or <c>UNSIGNED-PAYLOAD</c>), which is sound for the GET and HEAD
/// operations the channel serves. Stateless; register as a singleton.
/// </summary>
public sealed class S3SignatureVerifier(IOptions<BucketOptions> options, TimeProvider time)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    private const string Service = "s3";
    private const string Terminator = "aws4_request";
    private const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";
    private const int MaxPresignedExpirySeconds = 7 * 24 * 3600;

    /// <summary>
    /// Verifies <paramref name="request"/>. <paramref name="findSecret"/> maps an access key id to
    /// its secret access key, or null when the id is unknown; it is called at most once, after the
    /// request is well formed and within its time limits.
    /// </summary>
    public async ValueTask<S3SignatureResult> VerifyAsync(
        S3Request request, Func<string, CancellationToken, ValueTask<string?>> findSecret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(findSecret);
        var query = QueryParameter.Parse(request.RawQuery);
        var authorization = request.Header("Authorization");
        var presigned = query.Any(p => p.Name is "X-Amz-Algorithm" or "X-Amz-Credential" or "X-Amz-Signature");
        if (authorization is not null && presigned)
        {
            return S3SignatureResult.Fail(S3AuthError.AccessDenied,
                "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified.");
        }

        if (authorization is null && !presigned)
        {
            return S3SignatureResult.Fail(S3AuthError.AccessDenied,
                "Anonymous access is not allowed: sign requests with AWS Signature Version 4 using the bucket credentials from /api/v1/me.");
        }

        var failure = presigned ? ReadQuery(query, out var signed) : ReadHeader(request, authorization!, out signed);
        failure ??= CheckScope(signed, presigned) ?? CheckSignedHeaders(request, signed, presigned) ?? CheckTime(signed, presigned);
        if (failure is not null)
        {
            return failure;
        }

        var secret = await findSecret(signed.AccessKeyId, cancellationToken);
        if (secret is null)
        {
            return S3SignatureResult.Fail(S3AuthError.InvalidAccessKeyId,
                "The AWS Access Key Id you provided does not exist in our records.", signed.AccessKeyId);
        }

        var canonicalRequest = CanonicalRequest(request, query, signed, presigned, out var missingHeader);
        if (missingHeader is not null)
        {
            return S3SignatureResult.Fail(S3AuthError.SignatureDoesNotMatch,
                $"The signed header '{missingHeader}' is not in the request.", signed.AccessKeyId);
        }

        var stringToSign = string.Join('\n',
            Algorithm,
            signed.AmzDate,
            $"{signed.ScopeDate}/{signed.Region}/{signed.Service}/{signed.Terminator}",
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var expected = Hmac(SigningKey(secret, signed.ScopeDate, signed.Region, signed.Service), stringToSign);

        Span<byte> presented = stackalloc byte[expected.Length];
        var matches = signed.Signature.Length == presented.Length * 2
            && Convert.FromHexString(signed.Signature, presented, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == presented.Length
            && CryptographicOperations.FixedTimeEquals(expected, presented);
        return matches
            ? S3SignatureResult.Success(signed.AccessKeyId)
            : S3SignatureResult.Mismatch(signed.AccessKeyId, canonicalRequest, stringToSign);
    }

    private static S3SignatureResult? ReadHeader(S3Request request, string authorization, out SignedRequest signed)
    {
        signed = null!;
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return authorization.StartsWith("AWS ", StringComparison.Ordinal)
                ? S3SignatureResult.Fail(S3AuthError.AccessDenied, "Signature Version 2 is not supported; sign with AWS4-HMAC-SHA256 (Signature Version 4).")
                : S3SignatureResult.Fail(S3AuthError.AuthorizationHeaderMalformed, "The authorization header is malformed; the algorithm must be AWS4-HMAC-SHA256.");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in authorization[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals > 0)
            {
                fields[part[..equals].Trim()] = part[(equals + 1)..].Trim();
            }
        }

        if (!fields.TryGetValue("Credential", out var credential)
            || !fields.TryGetValue("SignedHeaders", out var signedHeaders)
            || !fields.TryGetValue("Signature", out var signature))
        {
            return S3SignatureResult.Fail(S3AuthError.AuthorizationHeaderMalformed,
                "The authorization header is malformed; it must contain Credential, SignedHeaders and Signature.");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[0].Length == 0)
        {
            return S3SignatureResult.Fail(S3AuthError.AuthorizationHeaderMalformed,
                "The authorization header is malformed; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }

        string amzDate;
        DateTimeOffset requestTime;
        if (request.Header("x-amz-date") is { } xAmzDate)
        {
            if (!TryParseAmzDate(xAmzDate, out requestTime))
            {
                return InvalidDateHeader();
            }

            amzDate = xAmzDate;
        }
        else if (request.Header("Date") is { } date
            && DateTimeOffset.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out requestTime))
        {
            amzDate = requestTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);
        }
        else
        {
            return InvalidDateHeader();
        }

        if (request.Header("x-amz-content-sha256") is not { Length: > 0 } payloadHash)
        {
            return S3SignatureResult.Fail(S3AuthError.AccessDenied,
                "Missing required header for this request: x-amz-content-sha256.", scope[0]);
        }

        signed = new SignedRequest(scope[0], scope[1], scope[2], scope[3], scope[4], amzDate, requestTime,
            signedHeaders.Split(';'), signature, payloadHash, ExpiresSeconds: 0);
        return null;

        static S3SignatureResult InvalidDateHeader() =>
            S3SignatureResult.Fail(S3AuthError.AccessDenied, "AWS authentication requires a valid Date or x-amz-date header.");
    }

    private static S3SignatureResult? ReadQuery(List<QueryParameter> query, out SignedRequest signed)
    {
        signed = null!;
        string? Find(string name) => query.FirstOrDefault(p => p.Name == name)?.Value;

        var algorithm = Find("X-Amz-Algorithm");
        var credential = Find("X-Amz-Credential");
        var amzDate = Find("X-Amz-Date");
        var expires = Find("X-Amz-Expires");
        var signedHeaders = Find("X-Amz-SignedHeaders");
        var signature = Find("X-Amz-Signature");
        if (algorithm is null || credential is null || amzDate is null || expires is null || signedHeaders is null || signature is null)
        {
            return QueryError("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }

        if (algorithm != Algorithm)
        {
            return QueryError("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\".");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[0].Length == 0)
        {
            return QueryError("Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }

        if (!TryParseAmzDate(amzDate, out var requestTime))
        {
            return QueryError("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\".");
        }

        if (!int.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1 || seconds > MaxPresignedExpirySeconds)
        {
            return QueryError($"X-Amz-Expires must be a whole number of seconds from 1 to {MaxPresignedExpirySeconds} (seven days).");
        }

        var payloadHash = Find("X-Amz-Content-Sha256") ?? UnsignedPayload;
        signed = new SignedRequest(scope[0], scope[1], scope[2], scope[3], scope[4], amzDate, requestTime,
            signedHeaders.Split(';'), signature, payloadHash, seconds);
        return null;

        static S3SignatureResult QueryError(string message) =>
            S3SignatureResult.Fail(S3AuthError.AuthorizationQueryParametersError, message);
    }

    private S3SignatureResult? CheckScope(SignedRequest signed, bool presigned)
    {
        var problem =
            signed.ScopeDate != signed.AmzDate[..8] ? $"Invalid credential date \"{signed.ScopeDate}\". This date is not the same as X-Amz-Date: \"{signed.AmzDate[..8]}\"."
            : !string.IsNullOrEmpty(options.Value.Region) && signed.Region != options.Value.Region ? $"the region '{signed.Region}' is wrong; expecting '{options.Value.Region}'."
            : signed.Service != Service ? $"incorrect service \"{signed.Service}\". This endpoint belongs to \"{Service}\"."
            : signed.Terminator != Terminator ? $"incorrect terminal \"{signed.Terminator}\". This endpoint uses \"{Terminator}\"."
            : null;
        return problem is null ? null
            : presigned ? S3SignatureResult.Fail(S3AuthError.AuthorizationQueryParametersError, "Error parsing the X-Amz-Credential parameter; " + problem, signed.AccessKeyId)
            : S3SignatureResult.Fail(S3AuthError.AuthorizationHeaderMalformed, "The authorization header is malformed; " + problem, signed.AccessKeyId);
    }

    private static S3SignatureResult? CheckSignedHeaders(S3Request request, SignedRequest signed, bool presigned)
    {
        var names = signed.SignedHeaders.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unsigned = new List<string>();
        if (!names.Contains("host"))
        {
            unsigned.Add("host");
        }

        // Headers that change what S3 does must be covered by the signature; a header-signed request
        // must also sign the date it is judged by.
        if (!presigned)
        {
            unsigned.AddRange(request.HeaderNames
                .Select(n => n.ToLowerInvariant())
                .Where(n => n.StartsWith("x-amz-", StringComparison.Ordinal) && !names.Contains(n))
                .Order(StringComparer.Ordinal));
            if (request.Header("x-amz-date") is null && !names.Contains("date"))
            {
                unsigned.Add("date");
            }
        }

        return unsigned.Count == 0 ? null
            : S3SignatureResult.Fail(S3AuthError.AccessDenied,
                $"There were headers present in the request which were not signed: {string.Join(", ", unsigned)}.", signed.AccessKeyId);
    }

    private S3SignatureResult? CheckTime(SignedRequest signed, bool presigned)
    {
        var now = time.GetUtcNow();
        var skew = options.Value.MaxClockSkew;
        if (presigned)
        {
            if (signed.RequestTime - now > skew)
            {
                return S3SignatureResult.Fail(S3AuthError.AccessDenied, "Request is not valid yet.", signed.AccessKeyId);
            }

            return now > signed.RequestTime.AddSeconds(signed.ExpiresSeconds)
                ? S3SignatureResult.Fail(S3AuthError.AccessDenied,
                    $"Request has expired: it was valid until {signed.RequestTime.AddSeconds(signed.ExpiresSeconds):yyyy-MM-ddTHH:mm:ssZ}.", signed.AccessKeyId)
                : null;
        }

        return (signed.RequestTime - now).Duration() > skew
            ? S3SignatureResult.Fail(S3AuthError.RequestTimeTooSkewed,
                $"The difference between the request time ({signed.RequestTime:yyyy-MM-ddTHH:mm:ssZ}) and the server's time ({now:yyyy-MM-ddTHH:mm:ssZ}) is more than {skew.TotalMinutes:0} minutes.",
                signed.AccessKeyId)
            : null;
    }

    private static string CanonicalRequest(S3Request request, List<QueryParameter> query, SignedRequest signed, bool presigned, out string? missingHeader)
    {
        missingHeader = null;
        var canonical = new StringBuilder(512);
        canonical.Append(request.Method).Append('\n');

        var segments = (request.RawPath.Length == 0 ? "/" : request.RawPath).Split('/');
        canonical.AppendJoin('/', segments.Select(s => AwsUriEncoding.Canonicalize(s))).Append('\n');

        canonical.AppendJoin('&', query
            .Where(p => !(presigned && p.Name == "X-Amz-Signature"))
            .Select(p => (Name: AwsUriEncoding.Canonicalize(p.RawName), Value: AwsUriEncoding.Canonicalize(p.RawValue)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value)).Append('\n');

        var names = signed.SignedHeaders.Select(n => n.ToLowerInvariant()).ToArray();
        foreach (var name in names)
        {
            var values = request.HeaderValues(name);
            if (values.Count == 0)
            {
                missingHeader = name;
            }

            canonical.Append(name).Append(':').AppendJoin(',', values.Select(FoldWhitespace)).Append('\n');
        }

        canonical.Append('\n').AppendJoin(';', names).Append('\n').Append(signed.PayloadHash);
        return canonical.ToString();
    }

    private static string FoldWhitespace(string value) =>
        string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static byte[] SigningKey(string secret, string date, string region, string service)
    {
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in (ReadOnlySpan<string>)[date, region, service, Terminator])
        {
            key = Hmac(key, part);
        }

        return key;
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static bool TryParseAmzDate(string value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value, AmzDateFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    /// <summary>The signature's claims, read from the Authorization header or the query.</summary>
    private sealed record SignedRequest(
        string AccessKeyId,
        string ScopeDate,
        string Region,
        string Service,
        string Terminator,
        string AmzDate,
        DateTimeOffset RequestTime,
        string[] SignedHeaders,
        string Signature,
        string PayloadHash,
        int ExpiresSeconds);

    /// <summary>One query parameter, raw as sent and decoded.</summary>
    private sealed record QueryParameter(string RawName, string RawValue, string Name, string Value)
    {
        public static List<QueryParameter> Parse(string rawQuery) =>
            [.. rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(piece =>
            {
                var equals = piece.IndexOf('=');
                var rawName = equals < 0 ? piece : piece[..equals];
                var rawValue = equals < 0 ? "" : piece[(equals + 1)..];
                return new QueryParameter(rawName, rawValue, AwsUriEncoding.DecodeToString(rawName), AwsUriEncoding.DecodeToString(rawValue));
            })];
    }
}
