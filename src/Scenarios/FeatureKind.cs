namespace PPipe.Scenarios;

public enum FeatureKind
{
    Number,
    Category,
}
