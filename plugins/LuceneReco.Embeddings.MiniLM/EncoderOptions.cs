using System.Globalization;

namespace LuceneReco.Embeddings.MiniLM;

/// <summary>The options of the <c>minilm</c> and <c>arctic-xs</c> providers (the plugin's options object).</summary>
public sealed class EncoderOptions
{
    /// <summary>The most tokens the model has been trained on.</summary>
    public const int ModelTokenLimit = 512;

    /// <summary>
    /// Texts are cut to this many word pieces before encoding: cost grows with the square of the length, and both models were
    /// tuned on passages of at most 256 (all-MiniLM-L6-v2's own limit). <value>The default is 256.</value>
    /// </summary>
    public int MaxTokens { get; set; } = 256;

    /// <summary>
    /// Threads ONNX Runtime uses inside one encoding call; <c>null</c> lets it use every core. <c>serve</c> encodes queries on one.
    /// <value>The default is <c>null</c> (every core).</value>
    /// </summary>
    public int? Threads { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> listing every bad option.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (MaxTokens is < 8 or > ModelTokenLimit)
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"maxTokens must be 8 to {ModelTokenLimit}, got {MaxTokens}"));
        if (Threads is < 1 or > 256)
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"threads must be 1 to 256 or null (every core), got {Threads}"));
        if (errors.Count > 0) throw new ArgumentException("Invalid encoder options: " + string.Join("; ", errors));
    }
}
