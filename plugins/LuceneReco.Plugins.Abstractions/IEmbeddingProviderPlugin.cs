using System.Text.Json;

namespace LuceneReco.Plugins;

/// <summary>
/// A plugin that turns item and query text into dense vectors (a sentence encoder in-process, or a client of an embedding
/// service): <c>lucenereco embed --model NAME</c> finds the loaded plugin named NAME that implements this, and serving finds
/// the one whose <see cref="EmbeddingModel"/> made the index's vectors to encode query text. Implement it on the same class
/// as <see cref="IRankerPlugin"/> (the name and version come from there). The host never references the encoder's libraries:
/// they live in the plugin's folder.
/// </summary>
public interface IEmbeddingProviderPlugin
{
    /// <summary>
    /// The name of the model its providers use, recorded in the index beside the vectors (e.g. "all-MiniLM-L6-v2");
    /// known without loading the model. Vectors of different models are never compared.
    /// </summary>
    string EmbeddingModel { get; }

    /// <summary>The length of the vectors its providers make (e.g. 384).</summary>
    int EmbeddingDimension { get; }

    /// <summary>
    /// Creates a provider (loading the model can take a second or more and hundreds of megabytes: the host makes one and
    /// reuses it). <paramref name="options"/> is the plugin's options object, or null for its defaults.
    /// Throw <see cref="ArgumentException"/> for bad options.
    /// </summary>
    IEmbeddingProvider CreateEmbeddingProvider(JsonElement? options);
}
