using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PPipe.Grains.Tests.Mail;

/// <summary>
/// A small SMTP server on loopback that answers each mail transaction as the test scripts it, to make the failures a
/// real server rarely shows on demand: a connection dropped before the greeting, a 4xx or 5xx answer to MAIL FROM, a DATA
/// answer held back. It speaks just enough of RFC 5321 for MailKit (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), without
/// TLS or authentication.
/// </summary>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _mailAnswers = new();
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly Task _accepting;
    private int _dropConnections;
    private int _connections;
    private int _inData;
    private int _mostInData;

    public ScriptedSmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The messages accepted (250 after DATA), as their raw text.</summary>
    public ConcurrentQueue<string> Accepted { get; } = new();

    /// <summary>Connections accepted so far, dropped ones included.</summary>
    public int Connections => _connections;

    /// <summary>The most transactions that were between DATA and its answer at the same time.</summary>
    public int MostConcurrentData => _mostInData;

    /// <summary>When set, each answer to the end of DATA waits for this task (to hold transactions open at once).</summary>
    public Task? HoldData { get; set; }

    /// <summary>Drops the next <paramref name="count"/> connections right after accepting them, before the greeting.</summary>
    public void DropNextConnections(int count) => Interlocked.Add(ref _dropConnections, count);

    /// <summary>Answers the next MAIL FROM commands with these lines, in order (then 250 again), e.g. "451 4.3.0 try later".</summary>
    public void AnswerNextMailWith(params string[] answers)
    {
        foreach (var answer in answers)
        {
            _mailAnswers.Enqueue(answer);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            if (Interlocked.Decrement(ref _dropConnections) >= 0)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }

            Interlocked.Exchange(ref _dropConnections, 0);
            _sessions.Add(ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 scripted ESMTP");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ')[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-scripted");
                        await writer.WriteLineAsync("250-8BITMIME");
                        await writer.WriteLineAsync("250 SIZE 10485760");
                        break;
                    case "HELO" or "RSET" or "NOOP" or "RCPT":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "MAIL":
                        await writer.WriteLineAsync(_mailAnswers.TryDequeue(out var answer) ? answer : "250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 go ahead");
                        var message = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                        {
                            message.Append(data).Append("\r\n");
                        }

                        var inData = Interlocked.Increment(ref _inData);
                        InterlockedMax(ref _mostInData, inData);
                        if (HoldData is { } hold)
                        {
                            await hold.WaitAsync(_stop.Token);
                        }

                        Interlocked.Decrement(ref _inData);
                        Accepted.Enqueue(message.ToString());
                        await writer.WriteLineAsync("250 2.0.0 queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The client went away or the server is stopping.
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_sessions);
        _stop.Dispose();
    }
}
