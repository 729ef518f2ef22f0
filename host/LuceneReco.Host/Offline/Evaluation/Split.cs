using LuceneReco.Plugins;

namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>Interactions divided into a training part and a held-out test part.</summary>
/// <param name="Train">What models learn from.</param>
/// <param name="Test">What they are judged on.</param>
public sealed record Split(IReadOnlyList<Interaction> Train, IReadOnlyList<Interaction> Test);
