namespace LuceneReco.Host.FeatureLog;

/// <summary>A served list with a label for each item, ready for training a ranker.</summary>
/// <param name="List">The served list.</param>
/// <param name="Labels">The grade of each item, in served order (0: nothing happened).</param>
internal sealed record LabelledList(Pipelines.ServedList List, double[] Labels);
