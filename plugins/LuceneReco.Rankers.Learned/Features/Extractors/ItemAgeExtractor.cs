using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Learned.Features.Extractors;

/// <summary>
/// The item's age in days, <c>age.days</c>, from a numeric field holding when it appeared: Unix seconds
/// (<see cref="AgeUnit.Seconds"/>) or a year (<see cref="AgeUnit.Year"/>, counted from its middle). Missing when the item has
/// no such number.
/// </summary>
internal sealed class ItemAgeExtractor(string field, AgeUnit unit) : IFeatureExtractor
{
    public const string Feature = "age.days";

    public string Name => "age";

    public void Extract(FeatureContext context, IReadOnlyList<Candidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(candidates);
        double now = context.Now.ToUnixTimeMilliseconds() / 1000.0;
        for (int c = 0; c < candidates.Count; c++)
        {
            if (context.Items.Number(candidates[c].ItemId, field) is not double value || !double.IsFinite(value)) continue;
            double seconds = unit == AgeUnit.Year ? (value - 1970 + 0.5) * 365.2425 * 86400 : value;
            candidates[c].Features[Feature] = (now - seconds) / 86400;
        }
    }
}

/// <summary>How an item's age field counts time.</summary>
internal enum AgeUnit
{
    /// <summary>Unix seconds.</summary>
    Seconds,

    /// <summary>A calendar year, e.g. 1999.</summary>
    Year,
}
