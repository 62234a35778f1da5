using System.Text;

namespace PPipe.Grains.Assessment;

/// <summary>
/// The buffer a criterion writes its feedback into, one kept per thread. A grade is computed at every progress push, every
/// <c>GET /api/v1/grade</c> and every grades CSV row, and the criteria that write several sentences naming days, versions
/// and numbers would otherwise each start a builder of their own, larger than the text they finish with; reusing one
/// leaves the finished text as the only string a criterion allocates for it. A criterion rents it and finishes it within
/// one synchronous call (no await in between), so the thread that rented it is the one that gives it back.
/// </summary>
internal static class FeedbackBuffer
{
    /// <summary>A buffer grown past this (in characters) is let go rather than kept for the next grade.</summary>
    private const int KeptCapacity = 4096;

    private const int InitialCapacity = 1024;

    [ThreadStatic]
    private static StringBuilder? _kept;

    /// <summary>An empty buffer: this thread's kept one, or a new one while that is rented.</summary>
    public static StringBuilder Rent()
    {
        var buffer = _kept;
        if (buffer is null)
        {
            return new StringBuilder(InitialCapacity);
        }

        _kept = null;
        return buffer.Clear();
    }

    /// <summary>The text written, with the buffer kept for the next rent on this thread.</summary>
    public static string Finish(StringBuilder buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var text = buffer.ToString();
        if (buffer.Capacity <= KeptCapacity)
        {
            _kept = buffer;
        }

        return text;
    }

    /// <summary>Starts a sentence: a space after the one before, nothing at the start (sentences joined by single spaces).</summary>
    public static StringBuilder Sentence(this StringBuilder buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        return buffer.Length > 0 ? buffer.Append(' ') : buffer;
    }
}
