namespace PPipe.Frontend.Channels.Bucket;

/// <summary>An S3 XML error body: <c>&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;Resource/&gt;&lt;RequestId/&gt;&lt;/Error&gt;</c>.</summary>
public sealed record S3Error(string Code, string Message, string? Resource, string? RequestId);
