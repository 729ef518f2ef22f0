namespace LuceneReco.Plugins;

/// <summary>
/// Per-field index statistics that BM25-style features need beyond <see cref="IItemCatalog.DocFreq"/>. A host's
/// <see cref="IItemCatalog"/> may implement it; <see cref="FeatureContext.FieldStatistics"/> is null when it does not, and
/// extractors then estimate from what they have (for example the candidates' own lengths).
/// </summary>
public interface IFieldStatistics
{
    /// <summary>The mean length in tokens of <paramref name="field"/> over the items that have it, or null when unknown.</summary>
    double? AverageLength(string field);

    /// <summary>How many items have <paramref name="field"/>, or null when unknown.</summary>
    int? DocCount(string field);
}
