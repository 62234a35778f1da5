using System.Globalization;

namespace PPipe.Cluster.Soak.Measure;

/// <summary>
/// Which of our processes holds each connection to PostgreSQL: the client port of a pg_stat_activity row is the
/// local port of a socket in /proc/net/tcp, whose inode is an open file of exactly one process.
/// </summary>
public static class ConnectionOwners
{
    /// <summary>Client port → process name, for connections to <paramref name="serverPort"/> held by <paramref name="processes"/>.</summary>
    public static IReadOnlyDictionary<int, string> Find(int serverPort, IEnumerable<(string Name, int Pid)> processes)
    {
        var portByInode = new Dictionary<long, int>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && Port(fields[2]) == serverPort && long.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
                {
                    portByInode[inode] = Port(fields[1]);
                }
            }
        }

        var owners = new Dictionary<int, string>();
        foreach (var (name, pid) in processes)
        {
            try
            {
                foreach (var fd in Directory.EnumerateFiles($"/proc/{pid}/fd"))
                {
                    var target = new FileInfo(fd).LinkTarget;
                    if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)
                        && long.TryParse(target.AsSpan(8, target.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
                        && portByInode.TryGetValue(inode, out var port))
                    {
                        owners[port] = name;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process exited meanwhile.
            }
        }

        return owners;
    }

    private static int Port(string address) => int.Parse(address[(address.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
