using System.Globalization;
using System.Text;
using System.Xml;

namespace PPipe.Frontend.Channels.Bucket;

/// <summary>Writes S3's XML bodies straight to a response stream.</summary>
public static class S3Xml
{
    public const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";
    public const string ContentType = "application/xml";

    private static readonly XmlWriterSettings Settings = new()
    {
        Async = true,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        CloseOutput = false,
    };

    /// <summary>Writes a ListObjectsV2 <c>ListBucketResult</c> in S3's namespace.</summary>
    public static async Task WriteListBucketResultAsync(Stream output, S3ListBucketResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var urlEncoded = string.Equals(result.EncodingType, "url", StringComparison.OrdinalIgnoreCase);
        string Text(string value) => urlEncoded ? AwsUriEncoding.Encode(value, keepSlash: true) : value;

        await using var xml = XmlWriter.Create(output, Settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "ListBucketResult", Namespace);
        await Element(xml, "Name", result.Name);
        await Element(xml, "Prefix", Text(result.Prefix));
        if (result.ContinuationToken is not null)
        {
            await Element(xml, "ContinuationToken", result.ContinuationToken);
        }

        if (result.NextContinuationToken is not null)
        {
            await Element(xml, "NextContinuationToken", result.NextContinuationToken);
        }

        if (result.StartAfter is not null)
        {
            await Element(xml, "StartAfter", Text(result.StartAfter));
        }

        await Element(xml, "KeyCount", result.KeyCount.ToString(CultureInfo.InvariantCulture));
        await Element(xml, "MaxKeys", result.MaxKeys.ToString(CultureInfo.InvariantCulture));
        if (result.Delimiter is not null)
        {
            await Element(xml, "Delimiter", Text(result.Delimiter));
        }

        if (urlEncoded)
        {
            await Element(xml, "EncodingType", "url");
        }

        await Element(xml, "IsTruncated", result.IsTruncated ? "true" : "false");
        foreach (var item in result.Contents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await xml.WriteStartElementAsync(null, "Contents", Namespace);
            await Element(xml, "Key", Text(item.Key));
            await Element(xml, "LastModified", item.LastModified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            await Element(xml, "ETag", item.ETag.StartsWith('"') ? item.ETag : $"\"{item.ETag}\"");
            await Element(xml, "Size", item.Size.ToString(CultureInfo.InvariantCulture));
            await Element(xml, "StorageClass", item.StorageClass);
            await xml.WriteEndElementAsync();
        }

        foreach (var prefix in result.CommonPrefixes)
        {
            await xml.WriteStartElementAsync(null, "CommonPrefixes", Namespace);
            await Element(xml, "Prefix", Text(prefix));
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    /// <summary>Writes an <c>Error</c> body. Like S3's own, it carries no namespace.</summary>
    public static async Task WriteErrorAsync(Stream output, S3Error error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        cancellationToken.ThrowIfCancellationRequested();
        await using var xml = XmlWriter.Create(output, Settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "Error", null);
        await xml.WriteElementStringAsync(null, "Code", null, error.Code);
        await xml.WriteElementStringAsync(null, "Message", null, error.Message);
        if (error.Resource is not null)
        {
            await xml.WriteElementStringAsync(null, "Resource", null, error.Resource);
        }

        if (error.RequestId is not null)
        {
            await xml.WriteElementStringAsync(null, "RequestId", null, error.RequestId);
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    private static Task Element(XmlWriter xml, string name, string value) =>
        xml.WriteElementStringAsync(null, name, Namespace, value);
}
