namespace PPipe.Scenarios.Assessment;

/// <summary>One submission format, fed the body in pieces by <see cref="SubmissionReader"/>.</summary>
internal interface ISubmissionParser
{
    /// <summary>Reads what it can of <paramref name="data"/> (the unread rest of the body so far) and returns
    /// how many bytes it used; the rest is offered again with more data. With <paramref name="final"/> the
    /// data is all there is, and all of it must be used.</summary>
    int Consume(ReadOnlySpan<byte> data, bool final);

    /// <summary>The buffer is full and <see cref="Consume"/> could use none of it.</summary>
    void TooLong(int bytes);

    /// <summary>The body has ended.</summary>
    void Complete();
}
