using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace PPipe.Api.Bench;

/// <summary>
/// Forces a full blocking garbage collection in another .NET process through its diagnostics IPC
/// socket, the way <c>dotnet-gcdump</c> does: an EventPipe session that enables the runtime provider's
/// <c>GCHeapCollect</c> keyword makes the runtime collect before it acknowledges the session. The
/// session is stopped at once; its (tiny) event stream is read and discarded.
/// Protocol: https://github.com/dotnet/diagnostics/blob/main/documentation/design-docs/ipc-protocol.md
/// </summary>
public static class RemoteGc
{
    private const byte EventPipeCommands = 0x02;
    private const byte StopTracing = 0x01;
    private const byte CollectTracing2 = 0x03;
    private const byte ServerResponse = 0xFF;
    private const byte Ok = 0x00;
    private const ulong GcHeapCollectKeyword = 0x800000;
    private const uint InformationalLevel = 4;
    private const uint NetTraceFormat = 1;
    private const int HeaderSize = 20;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("DOTNET_IPC_V1\0");

    /// <summary>True when the target acknowledged the session, i.e. the collection ran.</summary>
    public static async Task<bool> TryCollectAsync(int processId, CancellationToken cancellationToken)
    {
        var socketPath = Directory.GetFiles(Path.GetTempPath(), $"dotnet-diagnostic-{processId}-*-socket")
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
        if (socketPath is null)
        {
            return false;
        }

        try
        {
            using var session = await ConnectAsync(socketPath, cancellationToken);
            await session.SendAsync(Message(CollectTracing2, CollectPayload()), cancellationToken);
            var sessionId = BinaryPrimitives.ReadUInt64LittleEndian(await ReadOkAsync(session, cancellationToken));
            var drain = DrainAsync(session);

            using (var control = await ConnectAsync(socketPath, cancellationToken))
            {
                var stop = new byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(stop, sessionId);
                await control.SendAsync(Message(StopTracing, stop), cancellationToken);
                await ReadOkAsync(control, cancellationToken);
            }

            await drain.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            return true;
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidDataException or TimeoutException)
        {
            Console.Error.WriteLine($"Could not force a collection in process {processId}: {e.Message}");
            return false;
        }
    }

    private static async Task<Socket> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>CollectTracing2: buffer size, format, no rundown, one provider (keywords, level, name, no filter).</summary>
    private static byte[] CollectPayload()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.Unicode, leaveOpen: true))
        {
            writer.Write(16u); // circular buffer, MiB
            writer.Write(NetTraceFormat);
            writer.Write(false); // request rundown
            writer.Write(1u); // providers
            writer.Write(GcHeapCollectKeyword);
            writer.Write(InformationalLevel);
            WriteString(writer, "Microsoft-Windows-DotNETRuntime");
            writer.Write(0u); // no filter data
        }

        return buffer.ToArray();
    }

    /// <summary>IPC strings: length in UTF-16 code units including the terminating NUL, then the code units.</summary>
    private static void WriteString(BinaryWriter writer, string value)
    {
        writer.Write((uint)(value.Length + 1));
        writer.Write(Encoding.Unicode.GetBytes(value + "\0"));
    }

    private static byte[] Message(byte command, byte[] payload)
    {
        var message = new byte[HeaderSize + payload.Length];
        Magic.CopyTo(message, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(14), checked((ushort)message.Length));
        message[16] = EventPipeCommands;
        message[17] = command;
        payload.CopyTo(message, HeaderSize);
        return message;
    }

    /// <summary>Reads one response and returns its payload; an error response becomes an exception.</summary>
    private static async Task<byte[]> ReadOkAsync(Socket socket, CancellationToken cancellationToken)
    {
        var header = await ReadExactlyAsync(socket, HeaderSize, cancellationToken);
        if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException("The diagnostics socket answered with an unknown protocol.");
        }

        var size = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(14));
        var payload = await ReadExactlyAsync(socket, size - HeaderSize, cancellationToken);
        if (header[16] != ServerResponse || header[17] != Ok)
        {
            var code = payload.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(payload) : 0;
            throw new InvalidDataException($"The runtime refused the diagnostics command (0x{code:X8}).");
        }

        return payload;
    }

    private static async Task<byte[]> ReadExactlyAsync(Socket socket, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                throw new IOException("The diagnostics socket closed mid-message.");
            }

            read += n;
        }

        return buffer;
    }

    private static async Task DrainAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None) > 0)
            {
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The stream ends when the session stops; how it ends does not matter here.
        }
    }
}
