namespace LuceneReco.Host.Tests.EndToEnd;

/// <summary>The tests that start real server processes run one at a time (two CPU-hungry servers would only slow each other).</summary>
[CollectionDefinition(Name)]
public sealed class ServerProcessCollection
{
    public const string Name = "server processes";
}
