namespace PPipe.ReferenceModels;

/// <summary>What <see cref="FitBudget"/> allows each fit of a table: its training rows, the classes it grows models for (multiclass) and its trees.</summary>
internal readonly record struct FitSettings(int RowsPerFit, int ModelledClasses, int Trees);
