using PPipe.Grains.Client.Datasets;
using PPipe.Grains.Interfaces.Datasets;

namespace PPipe.Frontend.Datasets;

/// <summary>
/// One upload from the admin API or the Datasets page: ingest (profile and stage), then publish the sealed upload as the
/// dataset's next version. Whatever fails after staging discards the upload, so a refused or failed upload leaves no
/// version and no bytes.
/// </summary>
public sealed class DatasetUploads(DatasetIngest ingest, IDatasetStore store, IGrainFactory grains, TimeProvider time)
{
    /// <summary>The version published, or why the file was refused; null version and null problem: the dataset is full.</summary>
    public async Task<(DatasetVersion? Version, DatasetFileProblem? Problem)> UploadAsync(string datasetId, DatasetFormat format, Stream body,
        long maxBytes, CancellationToken cancellationToken)
    {
        var result = await ingest.IngestAsync(datasetId, format, body, maxBytes, cancellationToken);
        if (result is not { Upload: { } upload, Profile: { } profile })
        {
            return (null, result.Problem);
        }

        DatasetVersion? version = null;
        try
        {
            version = await grains.GetGrain<IDatasetGrain>(datasetId).PublishAsync(upload, profile, time.GetUtcNow());
            return (version, null);
        }
        finally
        {
            if (version is null)
            {
                await store.DiscardAsync(upload, CancellationToken.None);
            }
        }
    }
}
