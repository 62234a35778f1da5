namespace PPipe.Scenarios;

/// <summary>How a release reaches the student.</summary>
public enum Channel
{
    Api,
    Bucket,
    Webhook,
    Stream,
}
