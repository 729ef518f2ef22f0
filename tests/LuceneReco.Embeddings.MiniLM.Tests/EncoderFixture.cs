using LuceneReco.Plugins;

namespace LuceneReco.Embeddings.MiniLM.Tests;

/// <summary>One loaded MiniLM provider for the class (loading takes about a second), cut at 32 tokens so truncation is cheap to show.</summary>
public sealed class EncoderFixture : IDisposable
{
    public EncoderFixture()
    {
        using var options = System.Text.Json.JsonDocument.Parse("""{"maxTokens": 32, "threads": 1}""");
        Provider = new MiniLmPlugin().CreateEmbeddingProvider(options.RootElement.Clone());
    }

    public IEmbeddingProvider Provider { get; }

    public void Dispose() => Provider.Dispose();
}
