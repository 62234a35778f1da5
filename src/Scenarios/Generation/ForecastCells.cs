namespace PPipe.Scenarios.Generation;

/// <summary>
/// How a forecast stream lays its rows on the (series, step) grid: <see cref="Cell"/> gives a row's series and its
/// step counted from the start of its window, <see cref="Origin"/> a window's forecast origin (the end of the history
/// released before it, which MASE's scale is computed up to).
/// </summary>
internal sealed record ForecastCells(Func<RowSlot, (int Series, int Step)> Cell, Func<int, TimeSpan> Origin);
