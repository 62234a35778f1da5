namespace PPipe.Scenarios.Events;

public enum DriftMode
{
    /// <summary>The new concept holds from one moment on (for <c>for</c>, if given, then the old one returns).</summary>
    Abrupt,

    /// <summary>Over <c>over</c>, a growing share of rows follows the new concept, until all do.</summary>
    Gradual,

    /// <summary>The new concept holds for <c>active</c> at the start of every <c>period</c>, then the old one.</summary>
    Recurring,
}
