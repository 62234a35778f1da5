using PPipe.Scenarios.Output;

namespace PPipe.Frontend.Students;

/// <summary>
/// Streams generated rows straight into the response body as CSV or JSON lines: rows are made one at
/// a time, so a download of any size uses the same small amount of memory.
/// </summary>
public sealed class RowStreamResult(Func<RowReader> open, RowFormat format, string fileName) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var extension = format == RowFormat.Csv ? "csv" : "jsonl";
        response.ContentType = format == RowFormat.Csv ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}.{extension}\"";
        var rows = open();
        var aborted = httpContext.RequestAborted;
        try
        {
            if (format == RowFormat.Csv)
            {
                await CsvRowWriter.WriteAsync(rows, response.BodyWriter, aborted);
            }
            else
            {
                await JsonLinesRowWriter.WriteAsync(rows, response.BodyWriter, aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away mid-download; nothing to report.
        }
    }
}
