namespace LuceneReco.Rankers.Diversity.Options;

/// <summary>One cap or coverage rule as written: <c>field:count/within</c>.</summary>
/// <param name="Field">The keyword field.</param>
/// <param name="Count">A cap's most items per value, or a coverage rule's least distinct values.</param>
/// <param name="Within">How many leading places it covers; <c>null</c> (caps only) is the whole reordered depth.</param>
internal sealed record AttributeRule(string Field, int Count, int? Within);
