namespace LuceneReco.Rankers.Learned.Models;

/// <summary>
/// A model or features file that cannot be served: malformed or truncated, an unknown objective, a feature index out of
/// range, arrays of different lengths. The message names the file and where in it (tree and node, or line).
/// </summary>
public sealed class ModelFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The file.</param>
    /// <param name="location">Where in the file, e.g. "tree 3 node 7" or "line 12"; null when the file as a whole is wrong.</param>
    /// <param name="problem">What is wrong there.</param>
    /// <param name="inner">The parser's own exception, if any.</param>
    public ModelFormatException(string filePath, string? location, string problem, Exception? inner = null)
        : base(location is null ? $"{filePath}: {problem}" : $"{filePath}: {location}: {problem}", inner)
    {
        FilePath = filePath;
        Location = location;
        Problem = problem;
    }

    /// <summary>The file.</summary>
    public string FilePath { get; }

    /// <summary>Where in the file, e.g. "tree 3 node 7" or "line 12"; null when the file as a whole is wrong.</summary>
    public string? Location { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
