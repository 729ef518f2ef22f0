using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Learned.Features.Extractors;

/// <summary>Numeric item fields as they are: <c>num.&lt;field&gt;</c> (a price, a rating, a year); missing when the item has none.</summary>
internal sealed class NumericExtractor(IReadOnlyList<string> fields) : IFeatureExtractor
{
    private readonly string[] _fields = [.. fields];
    private readonly string[] _names = [.. fields.Select(f => "num." + f)];

    public string Name => "numeric";

    public void Extract(FeatureContext context, IReadOnlyList<Candidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(candidates);
        for (int c = 0; c < candidates.Count; c++)
            for (int f = 0; f < _fields.Length; f++)
                if (context.Items.Number(candidates[c].ItemId, _fields[f]) is double v && double.IsFinite(v))
                    candidates[c].Features[_names[f]] = v;
    }
}
