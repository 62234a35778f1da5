namespace PPipe.Frontend.Channels.Bucket;

/// <summary>
/// The outcome of verifying a signed S3 request: the access key id that signed it, or the error to
/// answer with. On <see cref="S3AuthError.SignatureDoesNotMatch"/> the canonical request and string
/// to sign the server computed are kept for logs and for students debugging their own signers.
/// </summary>
public sealed record S3SignatureResult
{
    private S3SignatureResult(string? accessKeyId, S3AuthError? error, string message)
    {
        AccessKeyId = accessKeyId;
        Error = error;
        Message = message;
    }

    /// <summary>The access key id of the credential; set on success and on failures after it was read.</summary>
    public string? AccessKeyId { get; }

    public S3AuthError? Error { get; }

    public string Message { get; }

    public string? CanonicalRequest { get; private init; }

    public string? StringToSign { get; private init; }

    public bool Succeeded => Error is null;

    /// <summary>The HTTP status S3 answers this error with (200 on success).</summary>
    public int StatusCode => Error switch
    {
        null => 200,
        S3AuthError.AuthorizationQueryParametersError or S3AuthError.AuthorizationHeaderMalformed => 400,
        _ => 403,
    };

    /// <summary>The XML error body for this failure.</summary>
    public S3Error ToError(string resource, string requestId) =>
        new(Error?.ToString() ?? throw new InvalidOperationException("The signature was valid."), Message, resource, requestId);

    internal static S3SignatureResult Success(string accessKeyId) => new(accessKeyId, null, "");

    internal static S3SignatureResult Fail(S3AuthError error, string message, string? accessKeyId = null) => new(accessKeyId, error, message);

    internal static S3SignatureResult Mismatch(string accessKeyId, string canonicalRequest, string stringToSign) =>
        new(accessKeyId, S3AuthError.SignatureDoesNotMatch,
            "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
        {
            CanonicalRequest = canonicalRequest,
            StringToSign = stringToSign,
        };
}
