namespace PPipe.Frontend.Surveys;

/// <summary>A student's research consent.</summary>
public enum ConsentStatus
{
    /// <summary>The student has not chosen yet: their answers are not used for research.</summary>
    NotAsked,

    /// <summary>The student allows research use of their survey answers.</summary>
    Given,

    /// <summary>The student said no, or withdrew: they are in no export from then on.</summary>
    Withdrawn,
}
