namespace LuceneReco.Host.Pipelines;

/// <summary>The serving configuration cannot be used at start-up (missing file, invalid content); the message is one line listing every problem.</summary>
internal sealed class ConfigException(string message) : Exception(message);
