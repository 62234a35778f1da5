using PPipe.Grains.Interfaces.Rollouts;

namespace PPipe.Frontend.Rollouts;

/// <summary>
/// One deploy as its student sees it: its id and version, whether it was announced (else seen as a change of the version
/// the answers name), the note, when its window began, when the version first answered and when the window ends (scenario
/// time, as row timestamps write it), the probes in the window and the failed ones, the quality (0..1) before it and of the
/// new version's answers, and once the window is over, its score.
/// </summary>
public sealed record DeploymentView(
    int Id,
    string Version,
    bool Announced,
    string? Note,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset WatchedUntil,
    int Probes,
    int FailedProbes,
    double? QualityBefore,
    double? QualityAfter,
    bool Judged,
    double? Score)
{
    public static DeploymentView Of(DeployEntry deploy, DateTimeOffset startsAt)
    {
        ArgumentNullException.ThrowIfNull(deploy);
        return new DeploymentView(deploy.Id, deploy.Version, deploy.Announced, deploy.Note, startsAt + deploy.StartedAt, startsAt + deploy.SeenAt,
            startsAt + deploy.Until, deploy.Probes, deploy.Failed, Round(deploy.QualityBefore), Round(deploy.QualityAfter), deploy.Judged, Round(deploy.Score));
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}
