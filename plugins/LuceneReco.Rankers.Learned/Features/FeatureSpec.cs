namespace LuceneReco.Rankers.Learned.Features;

/// <summary>One feature as declared beside a model: its name in <c>Candidate.Features</c>, how explanations call it, its normaliser.</summary>
/// <param name="Name">The key read from <c>Candidate.Features</c>.</param>
/// <param name="Label">The phrase for people, e.g. "popular this week"; null uses the name.</param>
/// <param name="LabelUp">The phrase when it raised the item, if different from <paramref name="Label"/>.</param>
/// <param name="LabelDown">The phrase when it lowered the item, if different, e.g. "far from your usual categories".</param>
/// <param name="Normaliser">Applied to the raw value before the model sees it.</param>
internal sealed record FeatureSpec(string Name, string? Label = null, string? LabelUp = null, string? LabelDown = null, FeatureNormaliser Normaliser = default)
{
    /// <summary>The phrase for a contribution that raised (<paramref name="up"/>) or lowered the item.</summary>
    public string Phrase(bool up) => (up ? LabelUp : LabelDown) ?? Label ?? Name;
}
