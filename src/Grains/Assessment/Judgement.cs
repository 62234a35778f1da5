namespace PPipe.Grains.Assessment;

/// <summary>One criterion's verdict: a score in [0, 1] (null while nothing can be judged) and feedback.</summary>
internal readonly record struct Judgement(double? Score, string Feedback)
{
    public static Judgement NotYet(string feedback) => new(null, feedback);
}
