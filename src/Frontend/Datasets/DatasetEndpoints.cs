using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PPipe.Frontend.Api;
using PPipe.Grains.Client.Datasets;
using PPipe.Grains.Interfaces.Datasets;
using PPipe.Grains.Interfaces.Library;
using PPipe.Scenarios.Output;

namespace PPipe.Frontend.Datasets;

/// <summary>Admin routes for instructors' datasets: upload a CSV or Parquet file as a new version, list, profile, confirm roles, download rows.</summary>
public static class DatasetEndpoints
{
    /// <summary>The most datasets one page of the list holds.</summary>
    public const int MaxPageSize = 100;

    private static readonly string[] CsvMediaTypes = ["text/csv", "application/csv", "text/plain"];

    /// <summary>The registered type first; the others are what clients and older tools send.</summary>
    private static readonly string[] ParquetMediaTypes = ["application/vnd.apache.parquet", "application/x-parquet", "application/parquet"];

    public static RouteGroupBuilder MapDatasetEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPost("/datasets", UploadAsync)
            .DescribesBody<string>("text/csv", "application/vnd.apache.parquet")
            .WithSummary("Upload a dataset version")
            .WithDescription("A CSV file (UTF-8, a header line naming the columns) or a Parquet file (flat columns) as the body, streamed; " +
                "`id` names the dataset (lower-case letters, digits and dashes). Each upload of an id is its next version, immutable. 201 " +
                "with the profile of every column; 422 naming the row and column of a ragged row, mixed types, bad encoding, an empty " +
                "file, a nested Parquet column or a damaged Parquet file; 413 over Datasets:MaxUploadBytes; 415 for other types. A " +
                "refused upload stores nothing.");
        admin.MapGet("/datasets", ListAsync)
            .WithSummary("List datasets")
            .WithDescription($"Uploaded datasets, newest first, with their latest version: page from 1, pageSize from 1 to {MaxPageSize} (default 20).");
        admin.MapGet("/datasets/{id}", GetAsync)
            .WithSummary("A dataset's versions")
            .WithDescription("Its versions, oldest first, with their sizes and whether their roles are confirmed.");
        admin.MapGet("/datasets/{id}/versions/{version}", GetVersionAsync)
            .WithSummary("A dataset version's profile")
            .WithDescription("Every column's type, missing share, distinct values and range, and the confirmed roles.");
        admin.MapPut("/datasets/{id}/versions/{version}/roles", ConfirmRolesAsync)
            .WithSummary("Name a dataset version's target, id and time columns")
            .WithDescription("422 names the field and column when the target has a single value or is missing in rows, the id column " +
                "has duplicates or gaps, or the time column's values do not parse as times; 409 once a scenario runs over the version " +
                "and the roles differ from those it fixed.");
        admin.MapGet("/datasets/{id}/versions/{version}/rows.csv", DownloadAsync)
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("A dataset version's rows")
            .WithDescription("The stored rows as CSV with a header, streamed, in upload order; `from` (the first row, from 1) and `count` " +
                "(at least 1) read a range, fetching only the chunks that hold it.");
        return admin;
    }

    private static async Task<Results<Created<DatasetVersionView>, InvalidProblem, PayloadProblem, ConflictProblem>> UploadAsync(
        string? id, HttpContext context, DatasetUploads uploads, IOptions<DatasetOptions> options, CancellationToken ct)
    {
        if (!DatasetKeys.IsValidId(id))
        {
            return ApiProblems.Invalid("The dataset id is not valid.", "id",
                $"Name the dataset with ?id=: lower-case letters, digits and dashes, starting with a letter, at most {DatasetKeys.MaxIdLength} characters.");
        }

        var request = context.Request;
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        DatasetFormat format;
        if (mediaType is not null && CsvMediaTypes.Contains(mediaType))
        {
            format = DatasetFormat.Csv;
        }
        else if (mediaType is not null && ParquetMediaTypes.Contains(mediaType))
        {
            format = DatasetFormat.Parquet;
        }
        else
        {
            return ApiProblems.UnsupportedMediaType(
                "Send the dataset as a CSV file with Content-Type: text/csv, or a Parquet file with Content-Type: application/vnd.apache.parquet.");
        }

        var limit = options.Value.MaxUploadBytes;
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            // Our own counting stream refuses the body past the limit (and discards what was staged); the server's limit stays a
            // read buffer above it, and should the server still refuse first, the answer below is the same.
            bodySize.MaxRequestBodySize = limit + (1 << 20);
        }

        DatasetVersion? version;
        DatasetFileProblem? problem;
        try
        {
            (version, problem) = await uploads.UploadAsync(id!, format, request.Body, limit, ct);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }

        if (problem is { Kind: DatasetFileProblemKind.TooLarge })
        {
            return TooLarge(limit);
        }

        if (problem is not null)
        {
            return ApiProblems.InvalidRows("The dataset file is not valid.", problem.Message,
                new Dictionary<string, object?> { ["errors"] = new[] { new DatasetFileError(problem.Row, problem.Column, problem.Message) } });
        }

        if (version is null)
        {
            return ApiProblems.Conflict("The dataset is full.",
                $"Dataset '{id}' has {IDatasetGrain.MaxVersions} versions, the most one dataset keeps. Upload under a new id.");
        }

        return TypedResults.Created($"/api/v1/admin/datasets/{id}/versions/{version.Version}", DatasetVersionView.Of(version));
    }

    private static PayloadProblem TooLarge(long limit) =>
        ApiProblems.TooLarge($"A dataset may be at most {limit:N0} bytes (Datasets:MaxUploadBytes); nothing was stored.");

    private static async Task<Results<Ok<DatasetList>, InvalidProblem>> ListAsync(IGrainFactory grains, int? page, int? pageSize)
    {
        if (PPipe.Frontend.Cohorts.CohortEndpoints.PageProblem(page, pageSize, MaxPageSize) is { } problem)
        {
            return problem;
        }

        var size = pageSize ?? 20;
        var number = page ?? 1;
        var entries = await grains.GetGrain<ILibraryGrain>(ILibraryGrain.Key).DatasetsAsync();
        return TypedResults.Ok(new DatasetList(
            [.. entries.Skip((number - 1) * size).Take(size).Select(e => new DatasetList.DatasetEntry(e.Id, e.Version, e.CreatedAt))],
            number, size, entries.Length));
    }

    private static async Task<Results<Ok<DatasetVersions>, NotFoundProblem>> GetAsync(string id, IGrainFactory grains)
    {
        var versions = DatasetKeys.IsValidId(id) ? await grains.GetGrain<IDatasetGrain>(id).VersionsAsync() : [];
        return versions.IsEmpty
            ? ApiProblems.NotFound($"There is no dataset '{id}'. Upload one with POST /api/v1/admin/datasets?id={id}.")
            : TypedResults.Ok(new DatasetVersions(id,
                [.. versions.Select(v => new DatasetVersions.VersionEntry(v.Version, v.UploadedAt, v.Rows, v.Columns, v.RolesConfirmed))]));
    }

    private static async Task<Results<Ok<DatasetVersionView>, NotFoundProblem>> GetVersionAsync(string id, int version, IGrainFactory grains) =>
        await FindAsync(id, version, grains) is { } found
            ? TypedResults.Ok(DatasetVersionView.Of(found))
            : NoVersion(id, version);

    private static async Task<Results<Ok<DatasetVersionView>, NotFoundProblem, InvalidProblem, ConflictProblem>> ConfirmRolesAsync(
        string id, int version, ConfirmRolesRequest? request, IGrainFactory grains)
    {
        if (await FindAsync(id, version, grains) is null)
        {
            return NoVersion(id, version);
        }

        var roles = new DatasetRoles(request?.Target ?? "", Blank(request?.IdColumn), Blank(request?.TimeColumn));
        var result = await grains.GetGrain<IDatasetVersionGrain>(DatasetKeys.Version(id, version)).ConfirmRolesAsync(roles);
        if (result.Version is { } confirmed)
        {
            return TypedResults.Ok(DatasetVersionView.Of(confirmed));
        }

        if (result.Problems.FirstOrDefault(p => p.Field == "roles") is { } inUse)
        {
            return ApiProblems.Conflict("The roles are fixed.", inUse.Message);
        }

        return ApiProblems.Invalid("The roles do not fit the dataset.", string.Join(" ", result.Problems.Select(p => p.Message)),
            result.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
    }

    private static async Task<Results<PushStreamHttpResult, NotFoundProblem, InvalidProblem>> DownloadAsync(string id, int version, long? from, long? count,
        IGrainFactory grains, IDatasetStore store, CancellationToken ct)
    {
        if (from is < 1)
        {
            return ApiProblems.Invalid("The row range is not valid.", "from", "from is the first row to read, counting from 1.");
        }

        if (count is < 1)
        {
            return ApiProblems.Invalid("The row range is not valid.", "count", "count is how many rows to read, at least 1.");
        }

        if (await FindAsync(id, version, grains) is not { } found)
        {
            return NoVersion(id, version);
        }

        var first = (from ?? 1) - 1;
        var rows = Math.Min(count ?? long.MaxValue - first, Math.Max(0, found.Profile.Rows - first));
        return TypedResults.Stream(async body =>
        {
            var header = string.Join(",", found.Profile.Columns.Select(c => CsvText.Escape(c.Name))) + "\n";
            await body.WriteAsync(Encoding.UTF8.GetBytes(header), ct);
            if (rows > 0)
            {
                // The request's token: a client that goes away stops the chunks being read from the store.
                await DatasetRows.WriteAsync(store, found.Upload, first, rows, body, ct);
            }
        }, "text/csv; charset=utf-8", $"{id}-v{version}.csv");
    }

    private static async Task<DatasetVersion?> FindAsync(string id, int version, IGrainFactory grains) =>
        DatasetKeys.IsValidId(id) && version >= 1
            ? await grains.GetGrain<IDatasetVersionGrain>(DatasetKeys.Version(id, version)).GetAsync()
            : null;

    private static NotFoundProblem NoVersion(string id, int version) =>
        ApiProblems.NotFound($"There is no version {version} of dataset '{id}'.");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
