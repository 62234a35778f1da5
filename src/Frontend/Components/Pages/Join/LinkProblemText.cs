using PPipe.Grains.Client.Email;

namespace PPipe.Frontend.Components.Pages.Join;

/// <summary>What the pages of mailed links say when a link does not work.</summary>
public static class LinkProblemText
{
    public static string Of(LinkOutcome outcome) => outcome switch
    {
        LinkOutcome.Used => "This link was used already: a link from a mail works once.",
        LinkOutcome.Expired => "This link has expired. Ask for a new one.",
        LinkOutcome.Closed => "This course no longer takes students through its join link. Ask your instructor.",
        LinkOutcome.Full => "This course is full. Ask your instructor.",
        LinkOutcome.AlreadyEnrolled => "This address is already in this course. Sign in with your token, or ask for a sign-in link.",
        LinkOutcome.Gone => "This course, or your place in it, no longer exists. Ask your instructor.",
        _ => "This link is not valid. Copy the whole link from the mail.",
    };
}
