using LuceneReco.Plugins;

namespace LuceneReco.Host.Serving;

/// <summary>A plugin's log: each line prefixed with the ranker name, written to the host's log callback.</summary>
internal sealed class RankerLog(string ranker, Action<string> write) : IRankerLog
{
    public void Info(string message) => write($"info: {ranker}: {message}");

    public void Warn(string message) => write($"warn: {ranker}: {message}");
}
