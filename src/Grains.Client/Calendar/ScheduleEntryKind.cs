namespace PPipe.Grains.Client.Calendar;

/// <summary>What a student's schedule lists: releases, batch windows, the student's deadlines and late cutoffs, the end.</summary>
public enum ScheduleEntryKind
{
    /// <summary>A release becomes available (an instant).</summary>
    Release,

    /// <summary>A batch takes on-time predictions: from its opening to the student's due time.</summary>
    BatchWindow,

    /// <summary>The student's due time for a batch, with their extension (an instant).</summary>
    BatchDue,

    /// <summary>The student's last moment for late work on a batch, with their extension (an instant).</summary>
    LateCutoff,

    /// <summary>The scenario ends (an instant).</summary>
    End,
}
