namespace LuceneReco.Host.FeatureLog;

/// <summary>A feature log that cannot be opened or read: not a SQLite file, not a feature log, damaged. The message names the file.</summary>
internal sealed class FeatureLogException(string message, Exception? inner = null) : Exception(message, inner);
