namespace PPipe.Grains.Notifications;

/// <summary>A delivery's position on the cohort's roster: the page and the place in it of the next student.</summary>
internal interface IRosterWalk
{
    int Page { get; set; }

    int Offset { get; set; }
}
