namespace PPipe.Frontend.Rollouts;

/// <summary>The sizes an announced deploy may have: a version name as answers carry it, and a short note.</summary>
public static class DeploymentLimits
{
    /// <summary>The largest body <c>POST /api/v1/deployments</c> reads; more is a 413.</summary>
    public const long MaxBodyBytes = 4 * 1024;

    /// <summary>As for the model a probe answer names (<c>model.version</c>).</summary>
    public const int MaxVersionLength = 64;

    public const int MaxNoteLength = 500;

    /// <summary>The longest the switch may be announced to take, in scenario minutes (one scenario day).</summary>
    public const int MaxExpectedWithinMinutes = 24 * 60;
}
