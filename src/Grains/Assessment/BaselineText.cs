using PPipe.Scenarios;

namespace PPipe.Grains.Assessment;

/// <summary>
/// How feedback names the two baselines quality is measured between. A template's are the true concept and the concept
/// before any drift; a dataset's true concept is unknown, so its baselines are the reference models P-PIPE fitted, and the
/// feedback says so.
/// </summary>
internal static class BaselineText
{
    private const string TemplateScale = "(0 = a model never retrained, 1 = the true concept)";
    private const string DatasetScale = "(0 = P-PIPE's reference model trained on the first days only, 1 = its reference model of each period's data)";

    /// <summary>The scale as it follows a quality figure.</summary>
    public static string Scale(Scenario scenario) => scenario.Dataset is null ? TemplateScale : DatasetScale;

    /// <summary>What quality 1 means, as a noun: the true concept, or the oracle reference model.</summary>
    public static string Best(Scenario scenario) => scenario.Dataset is null ? "the true concept" : "the oracle reference model";
}
