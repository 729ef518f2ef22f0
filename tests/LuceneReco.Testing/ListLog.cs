using LuceneReco.Plugins;

namespace LuceneReco.Testing;

/// <summary>A plugin log that keeps its lines, for tests that assert what a plugin reported.</summary>
public sealed class ListLog : IRankerLog
{
    /// <summary>The warnings, in order.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>The information lines, in order.</summary>
    public List<string> Infos { get; } = [];

    /// <inheritdoc />
    public void Info(string message)
    {
        lock (Infos) Infos.Add(message);
    }

    /// <inheritdoc />
    public void Warn(string message)
    {
        lock (Warnings) Warnings.Add(message);
    }
}
