using System.Buffers;
using System.IO.Pipelines;
using System.Net.Http.Headers;
using System.Text;

namespace PPipe.Scenarios.Assessment;

/// <summary>
/// Reads and checks a student's predictions for one batch (<c>POST /api/v1/batches/{seq}/predictions</c>):
/// CSV with the header <c>id,prediction[,probability]</c>, or JSON
/// <c>{"predictions": [{"id": "...", "prediction": ..., "probability": ...}]}</c>, which may also name the model that made
/// them in <c>"model"</c> (<see cref="ModelClaim"/>; CSV names it in headers the caller reads). Every id of the batch
/// must appear once; labels must be the target's classes, numbers finite, probabilities in [0, 1] and only
/// for classification, and required when the metric is log loss. Bad input never throws: the result lists
/// what is wrong, row by row, in words a student can act on. The body is streamed through one pooled 64 KB
/// buffer, so memory is the aligned arrays whatever the body's size. One reader per batch serves every
/// student of a cohort (their ids are the same) and is thread-safe.
/// </summary>
public sealed class SubmissionReader
{
    public const int DefaultMaxErrors = 100;

    private const int BufferSize = 64 * 1024;

    private readonly byte[][] _labels;

    public SubmissionReader(BatchIds ids, ScenarioTarget target, Metric metric, int maxErrors = DefaultMaxErrors)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxErrors, 1);
        if (!metric.AppliesTo(target.Task))
        {
            throw new ArgumentException($"{metric} does not score {target.Task} tasks.", nameof(metric));
        }

        Ids = ids;
        Target = target;
        Metric = metric;
        MaxErrors = maxErrors;
        _labels = [.. target.Classes.Select(Encoding.UTF8.GetBytes)];
    }

    public BatchIds Ids { get; }

    public ScenarioTarget Target { get; }

    public Metric Metric { get; }

    /// <summary>How many errors a result lists at most (all are counted).</summary>
    public int MaxErrors { get; }

    /// <summary>The format of a <c>Content-Type</c>: <c>text/csv</c> or <c>application/json</c>, in UTF-8 (a
    /// <c>charset</c> other than UTF-8 or ASCII is refused). False for anything else, which deserves a 415.</summary>
    public static bool TryGetFormat(string? contentType, out SubmissionFormat format)
    {
        format = default;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType is not { } type)
        {
            return false;
        }

        if (media.CharSet is { } charset && charset.Trim('"').ToLowerInvariant() is not ("utf-8" or "utf8" or "us-ascii"))
        {
            return false;
        }

        if (type.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            format = SubmissionFormat.Csv;
            return true;
        }

        if (type.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            format = SubmissionFormat.Json;
            return true;
        }

        return false;
    }

    /// <summary>Reads a body from a pipe (e.g. an HTTP request's body reader), without completing it.</summary>
    public ValueTask<SubmissionReadResult> ReadAsync(PipeReader body, SubmissionFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        return ReadAsync(body.AsStream(leaveOpen: true), format, cancellationToken);
    }

    /// <summary>
    /// Reads a body to its end (or to the first error that makes the rest unreadable). Throws only for
    /// cancellation and for failures of the stream itself, never for what the body says.
    /// </summary>
    public async ValueTask<SubmissionReadResult> ReadAsync(Stream body, SubmissionFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var rows = new SubmissionRows(Ids, Target, Metric, _labels, MaxErrors);
        ISubmissionParser parser = format switch
        {
            SubmissionFormat.Csv => new CsvSubmissionParser(rows),
            SubmissionFormat.Json => new JsonSubmissionParser(rows),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };

        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int start = 0, end = 0;
            var final = false;
            var atStart = true;
            while (!rows.Stopped)
            {
                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    parser.TooLong(buffer.Length);
                    break;
                }

                var read = await body.ReadAsync(buffer.AsMemory(end), cancellationToken);
                final = read == 0;
                end += read;
                if (atStart)
                {
                    // A UTF-8 byte order mark, as Excel and Windows tools write, is not part of the content.
                    if (end < 3 && !final)
                    {
                        continue;
                    }

                    atStart = false;
                    start = buffer.AsSpan(0, end).StartsWith("\uFEFF"u8) ? 3 : 0;
                }

                start += parser.Consume(buffer.AsSpan(start, end - start), final);
                if (final)
                {
                    break;
                }
            }

            if (!rows.Stopped)
            {
                parser.Complete();
            }

            return rows.Finish(format);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
