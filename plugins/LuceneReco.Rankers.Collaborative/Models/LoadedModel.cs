namespace LuceneReco.Rankers.Collaborative.Models;

/// <summary>A model a <see cref="ModelStore{TModel}"/> is serving, with the file it came from.</summary>
/// <param name="Model">The model.</param>
/// <param name="Version">The file's version number.</param>
/// <param name="Path">The file.</param>
/// <param name="Metadata">How it was trained.</param>
/// <param name="LoadedAt">When it was loaded.</param>
public sealed record LoadedModel<TModel>(TModel Model, int Version, string Path, ModelMetadata Metadata, DateTimeOffset LoadedAt) where TModel : class;
