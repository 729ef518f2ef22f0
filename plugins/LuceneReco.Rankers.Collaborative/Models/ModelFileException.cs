namespace LuceneReco.Rankers.Collaborative.Models;

/// <summary>A model file that cannot be used: damaged, truncated, of another kind or format. The message names the file.</summary>
public sealed class ModelFileException : IOException
{
    /// <summary>Creates the exception for <paramref name="filePath"/>.</summary>
    public ModelFileException(string filePath, string problem, Exception? inner = null)
        : base($"{filePath}: {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
