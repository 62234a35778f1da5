using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Frontend.Assessment;

/// <summary>
/// One model version as <c>GET /api/v1/models</c> shows it: its claim (trainedThrough and digest, as first seen), when it
/// was first and last seen (scenario time, as row timestamps and <c>clock.scenarioNow</c> write it), where first
/// (<c>firstBatch</c>: a batch's seq, or null for a probe answer), how many probe answers and submissions named it, how many
/// releases the student had fetched when it was first seen, and the flags raised against it.
/// </summary>
public sealed record ModelVersionView(
    string Version,
    int TrainedThrough,
    string? Digest,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    int? FirstBatch,
    int Answers,
    int Submissions,
    int FetchedWhenFirstSeen,
    IReadOnlyList<ModelFlag> Flags)
{
    public static ModelVersionView Of(ModelVersionEntry entry, DateTimeOffset startsAt)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new ModelVersionView(entry.Version, entry.TrainedThrough, entry.Digest, startsAt + entry.FirstSeen, startsAt + entry.LastSeen,
            entry.FirstBatch, entry.Answers, entry.Submissions, entry.FetchedWhenFirstSeen, entry.IsFlagged ? [.. entry.Flags] : []);
    }
}
