using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace PPipe.Hosting.Storage;

/// <summary>Sorts storage failures: which a retry may cure, and which come from the database at all.</summary>
public static class StorageFailures
{
    /// <summary>
    /// True when the failure, or one it wraps, says the database could not be reached or could not serve the request
    /// for now: a dropped or refused connection, a restarting server, too many clients, an exhausted pool, a timeout.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case NpgsqlException npgsql when npgsql.IsTransient:
                case SocketException:
                case TimeoutException:
                case IOException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>True when the failure, or one it wraps, is the database driver's.</summary>
    public static bool IsDatabase(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The innermost database error's message, which names what the server said (e.g. <c>53300: too many clients</c>).</summary>
    public static string Describe(Exception exception)
    {
        var message = exception.Message;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException)
            {
                message = e.Message;
            }
        }

        return message;
    }
}
