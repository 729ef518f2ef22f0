using System.Text.Json;
using LuceneReco.Plugins;

namespace LuceneReco.Embeddings.MiniLM;

/// <summary>
/// The shape of the two encoder plugins of this assembly: an embedding provider (<see cref="IEmbeddingProviderPlugin"/>) whose
/// name pipelines and <c>lucenereco embed --model</c> use. It has no rerank stage of its own: the host's semantic recall
/// sources use the vectors it makes.
/// </summary>
public abstract class SentenceEncoderPlugin : IRankerPlugin, IEmbeddingProviderPlugin
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public Version Version => typeof(SentenceEncoderPlugin).Assembly.GetName().Version ?? new Version(1, 0);

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <inheritdoc />
    public abstract string EmbeddingModel { get; }

    /// <inheritdoc />
    public abstract int EmbeddingDimension { get; }

    /// <summary>Not a rerank stage: always throws <see cref="ArgumentException"/> saying what the plugin is for.</summary>
    public IRankerStage CreateStage(JsonElement? options, IRankerServices services) =>
        throw new ArgumentException($"'{Name}' encodes text into vectors for the semantic recall sources (lucenereco embed --model {Name}); it is not a rerank stage");

    /// <inheritdoc />
    public IEmbeddingProvider CreateEmbeddingProvider(JsonElement? options)
    {
        var bound = OptionsBinder.Bind<EncoderOptions>(options, Name);
        bound.Validate();
        var session = new Microsoft.ML.OnnxRuntime.SessionOptions();
        if (bound.Threads is int threads) { session.IntraOpNumThreads = threads; session.InterOpNumThreads = 1; }
        return Create(bound, session);
    }

    /// <summary>Loads the model with <paramref name="session"/>.</summary>
    private protected abstract IEmbeddingProvider Create(EncoderOptions options, Microsoft.ML.OnnxRuntime.SessionOptions session);
}
