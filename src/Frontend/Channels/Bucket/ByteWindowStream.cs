namespace PPipe.Frontend.Channels.Bucket;

/// <summary>
/// A write-only stream that passes on only the bytes in [<c>from</c>, <c>to</c>] of what is written to
/// it and counts everything: used to measure an object's size without keeping it, and to serve a byte
/// range of an object that is generated, not stored.
/// </summary>
public sealed class ByteWindowStream(Stream? inner, long from = 0, long to = long.MaxValue) : Stream
{
    public long Written { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Written;

    public override long Position { get => Written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Window(buffer.Length) is var (start, length) && length > 0)
        {
            inner!.Write(buffer.Slice(start, length));
        }

        Written += buffer.Length;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Window(buffer.Length) is var (start, length) && length > 0)
        {
            await inner!.WriteAsync(buffer.Slice(start, length), cancellationToken);
        }

        Written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner?.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner?.FlushAsync(cancellationToken) ?? Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>The part of the next <paramref name="count"/> bytes that falls in the window, relative to them.</summary>
    private (int Start, int Length) Window(int count)
    {
        if (inner is null)
        {
            return (0, 0);
        }

        var start = Math.Max(from, Written);
        var end = Math.Min(to + 1, Written + count);
        return end <= start ? (0, 0) : ((int)(start - Written), (int)(end - start));
    }
}
