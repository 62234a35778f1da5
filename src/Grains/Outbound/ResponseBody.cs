using System.Buffers;

namespace PPipe.Grains.Outbound;

/// <summary>Reads response bodies from servers the platform does not trust, never past a limit.</summary>
internal static class ResponseBody
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>
    /// Reads the whole body, failing with <see cref="ResponseTooLargeException"/> as soon as it is known
    /// to exceed <paramref name="maxBytes"/>: at once when <c>Content-Length</c> says so, otherwise when
    /// the streamed bytes pass the limit (a server that lies about or omits the length, or drips).
    /// Send the request with <see cref="HttpCompletionOption.ResponseHeadersRead"/> so nothing was
    /// buffered before this runs.
    /// </summary>
    public static async Task<byte[]> ReadAsync(HttpResponseMessage response, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (response.Content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            throw new ResponseTooLargeException(maxBytes);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var collected = new MemoryStream((int)Math.Min(response.Content.Headers.ContentLength ?? ChunkSize, maxBytes));
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                if (collected.Length + read > maxBytes)
                {
                    throw new ResponseTooLargeException(maxBytes);
                }

                collected.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return collected.ToArray();
    }
}
