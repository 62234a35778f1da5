using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Frontend.Surveys;

/// <summary>A student's research consent: its status, when it last changed and when it was first given.</summary>
public sealed record ConsentView(ConsentStatus Status, DateTimeOffset? ChangedAt, DateTimeOffset? FirstGivenAt, string Explanation)
{
    /// <summary>What a student is agreeing to, in the words the page and the API use.</summary>
    public const string Text =
        "Your instructors study how MLOps skills grow. If you agree, your survey answers may be used for that research: they are " +
        "exported under a pseudonym (never your name, e-mail or student id) together with the other students' who agreed. Saying " +
        "no changes nothing in your course or grade. You can withdraw at any time: from then on you are left out of every export; " +
        "copies already exported cannot be recalled.";

    public static ConsentView Of(SurveyConsent? consent) => consent is null
        ? new ConsentView(ConsentStatus.NotAsked, null, null, Text)
        : new ConsentView(consent.Given ? ConsentStatus.Given : ConsentStatus.Withdrawn, consent.ChangedAt, consent.FirstGivenAt, Text);
}
