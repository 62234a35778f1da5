namespace PPipe.ReferenceModels;

/// <summary>How one fit predicted: with trees, or with a constant and why.</summary>
internal enum FitOutcome
{
    Trees,
    NoTrainingRows,
    TooFewRows,
    OneClass,
    ConstantTarget,
    NoVaryingFeature,
}
