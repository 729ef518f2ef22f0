using System.Collections.Concurrent;

namespace LuceneReco.Plugins;

/// <summary>
/// The model versions one request uses. The first step of a request that needs a model (a recall source, a rerank stage)
/// resolves the model's alias and pins what it got under a key of its choosing (<see cref="Pin{T}"/>); every later step of
/// the same request that asks with the same key gets the same model, even when the alias moved or a new version loaded in
/// between, so recall and rerank (and both sides of an interleaved experiment) score with one version. Each step that
/// scored with a model says so (<see cref="Served"/>); the host returns those versions with the response. One instance
/// per request, made by the host (<see cref="RankingRequest.Models"/>, <see cref="CandidateQuery.Models"/>). Thread-safe.
/// </summary>
public sealed class RequestModels
{
    private readonly ConcurrentDictionary<string, object?> _pinned = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Directory, string Kind, string Reference), int> _served = new();
    private readonly object _gate = new();

    /// <summary>
    /// The model pinned under <paramref name="key"/> for this request; the first call for a key runs <paramref name="resolve"/>
    /// (which may return null: no model, and then none for the whole request) and keeps its answer.
    /// </summary>
    /// <param name="key">What identifies the model: for example its folder, kind and alias.</param>
    /// <param name="resolve">Resolves the alias now (the plugin's model store).</param>
    public T? Pin<T>(string key, Func<T?> resolve) where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(resolve);
        if (_pinned.TryGetValue(key, out object? found)) return (T?)found;
        lock (_gate) // one resolution per key, so two steps racing on a first call cannot pin different versions
        {
            if (_pinned.TryGetValue(key, out found)) return (T?)found;
            T? model = resolve();
            _pinned[key] = model;
            return model;
        }
    }

    /// <summary>Records that a step scored with <paramref name="version"/> of the model <paramref name="kind"/> in <paramref name="directory"/>, reached through <paramref name="reference"/> (an alias or a version).</summary>
    public void Served(string directory, string kind, string reference, int version)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(reference);
        _served[(directory, kind, reference)] = version;
    }

    /// <summary>Every model a step of this request scored with, by folder, kind and reference, with its version.</summary>
    public IReadOnlyList<(string Directory, string Kind, string Reference, int Version)> ServedModels()
    {
        var list = new List<(string, string, string, int)>(_served.Count);
        foreach (var ((directory, kind, reference), version) in _served) list.Add((directory, kind, reference, version));
        return list;
    }
}
