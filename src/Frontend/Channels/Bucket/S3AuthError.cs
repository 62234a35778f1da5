namespace PPipe.Frontend.Channels.Bucket;

/// <summary>Why a request's signature was refused, named as S3 names it in its XML error <c>Code</c>.</summary>
public enum S3AuthError
{
    /// <summary>No or unsupported authentication, unsigned required headers, an expired presigned URL. 403.</summary>
    AccessDenied,

    /// <summary>The signature is not the one the secret gives. 403.</summary>
    SignatureDoesNotMatch,

    /// <summary>The access key id is unknown. 403.</summary>
    InvalidAccessKeyId,

    /// <summary>The request time is too far from the server's clock. 403.</summary>
    RequestTimeTooSkewed,

    /// <summary>A presigned URL's X-Amz-* parameters are missing or malformed. 400.</summary>
    AuthorizationQueryParametersError,

    /// <summary>The Authorization header is malformed or its credential scope is wrong (region, service, date). 400.</summary>
    AuthorizationHeaderMalformed,
}
