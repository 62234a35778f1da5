namespace PPipe.Grains.Interfaces.Rollouts;

/// <summary>
/// A student's word that a new model version is about to answer (or has just begun to): its <see cref="Version"/> as
/// the endpoint's answers will name it, how long (scenario time) the switch may take before the version answers, and an
/// optional note. Checked by the front end (sizes) before it reaches the enrollment.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.DeployAnnouncement")]
public sealed record DeployAnnouncement(string Version, TimeSpan ExpectedWithin, string? Note);
