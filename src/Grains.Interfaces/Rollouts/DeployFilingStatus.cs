namespace PPipe.Grains.Interfaces.Rollouts;

/// <summary>What became of an announced deploy.</summary>
[GenerateSerializer, Alias("ppipe.DeployFilingStatus")]
public enum DeployFilingStatus
{
    /// <summary>A new deploy is followed from now on.</summary>
    Accepted,

    /// <summary>The version was announced before: the deploy already followed is the answer, nothing changed.</summary>
    Repeated,

    /// <summary>Before the scenario starts or after it ends, or the student was removed: nothing is followed.</summary>
    OutsideScenario,

    /// <summary>No endpoint is registered: there is nothing to deploy to.</summary>
    NoEndpoint,

    /// <summary>The version already answers the probes: there is nothing to switch to.</summary>
    AlreadyServing,
}
