using System.Collections.Concurrent;
using LuceneReco.Index.Vectors;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// Encodes query text for the <c>semantic</c> source with the loaded embedding plugin whose model made the index's vectors
/// (<see cref="IEmbeddingProviderPlugin.EmbeddingModel"/> and dimension equal the index's <see cref="VectorSpace"/>). One
/// provider per plugin load, made on first use with one thread (queries are short; the other core keeps serving), and made
/// again after a hot reload. Thread-safe.
/// </summary>
internal sealed class QueryEncoders(IRankerCatalog catalog)
{
    private readonly ConcurrentDictionary<(string Name, long Generation), Lazy<IEmbeddingProvider>> _providers = new();

    /// <summary>The query's vector in <paramref name="space"/>, or null when no loaded plugin makes vectors of that space.</summary>
    public float[]? Encode(VectorSpace space, string text, CancellationToken cancellation)
    {
        foreach (var status in catalog.List())
        {
            if (status.State is not ("loaded" or "stale") || catalog.Find(status.Name) is not { } handle) continue; // stale: the version loaded before serves
            if (handle.Plugin is not IEmbeddingProviderPlugin plugin) continue;
            if (plugin.EmbeddingModel != space.Model || plugin.EmbeddingDimension != space.Dimension) continue;
            var key = (handle.Name, handle.Generation);
            var lazy = _providers.GetOrAdd(key, _ => new Lazy<IEmbeddingProvider>(() =>
            {
                using var options = System.Text.Json.JsonDocument.Parse("""{"threads": 1}""");
                return plugin.CreateEmbeddingProvider(options.RootElement.Clone());
            }));
            IEmbeddingProvider provider;
            try { provider = lazy.Value; }
            catch (Exception)
            {
                _providers.TryRemove(key, out _); // the next request tries to load the model again
                throw;
            }
            return provider.Embed([text], cancellation).Vectors[0];
        }
        return null;
    }
}
