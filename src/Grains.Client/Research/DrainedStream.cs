namespace PPipe.Grains.Client.Research;

/// <summary>
/// A write-only stream in front of a response body that takes synchronous writes into a buffer and sends them with
/// <see cref="DrainAsync"/>. <see cref="System.IO.Compression.ZipArchive"/> still ends entries and the archive with a few
/// synchronous writes (the last compressed block, the entry's sizes, the central directory), which a server's response body
/// refuses; those are a few kilobytes, held here until the next drain. Asynchronous writes pass through once
/// <see cref="DrainAt"/> bytes are held, so memory stays flat.
/// </summary>
internal sealed class DrainedStream(Stream inner) : Stream
{
    public const int DrainAt = 64 * 1024;

    private readonly MemoryStream _held = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Sends what is held.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        if (_held.Length > 0)
        {
            await inner.WriteAsync(_held.GetBuffer().AsMemory(0, (int)_held.Length), ct);
            _held.SetLength(0);
        }

        await inner.FlushAsync(ct);
    }

    public override void Write(byte[] buffer, int offset, int count) => _held.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _held.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _held.Write(buffer.Span);
        if (_held.Length >= DrainAt)
        {
            await DrainAsync(cancellationToken);
        }
    }

    // Data stays held until a drain: a synchronous flush cannot send it.
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _held.Dispose();
        }

        base.Dispose(disposing);
    }
}
