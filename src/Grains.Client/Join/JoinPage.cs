using PPipe.Grains.Interfaces.Join;

namespace PPipe.Grains.Client.Join;

/// <summary>What the public page of a join link shows: the course, whether the link takes joins now, and its limits.</summary>
public sealed record JoinPage(string CohortId, string CohortName, JoinAdmission State, JoinSettings Settings);
