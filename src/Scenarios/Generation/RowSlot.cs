namespace PPipe.Scenarios.Generation;

/// <summary>Which generated row goes next in a stream: row <see cref="Index"/> of window <see cref="Seq"/>
/// (a late row carries the window it belongs to, not the release it arrives in).</summary>
internal readonly record struct RowSlot(int Seq, int Index);
