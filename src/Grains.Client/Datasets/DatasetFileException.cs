namespace PPipe.Grains.Client.Datasets;

/// <summary>Stops reading an upload: the file is refused for <see cref="Problem"/>.</summary>
public sealed class DatasetFileException(DatasetFileProblem problem) : Exception(problem.Message)
{
    public DatasetFileProblem Problem { get; } = problem;
}
