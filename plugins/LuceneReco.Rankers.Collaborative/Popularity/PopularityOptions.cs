using System.Globalization;

namespace LuceneReco.Rankers.Collaborative.Popularity;

/// <summary>How the popularity model weighs events (training settings <c>half-life-days</c>, <c>kind-weights</c>).</summary>
public sealed record PopularityOptions
{
    /// <summary>An event counts half as much for trending after this many days. <value>The default is 7.</value></summary>
    public double HalfLifeDays { get; init; } = 7;

    /// <summary>Weight per event kind for trending; kinds not named weigh 1. <value>The default is purchase 5, add-to-cart 3, rating 1, view 1, click 1.</value></summary>
    public IReadOnlyDictionary<string, double> KindWeights { get; init; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
    {
        ["purchase"] = 5,
        ["add-to-cart"] = 3,
    };

    /// <summary>The weight of an event of <paramref name="kind"/>.</summary>
    public double KindWeight(string kind) => KindWeights.TryGetValue(kind ?? "", out double w) ? w : 1;

    /// <summary>The options the training settings give: <c>half-life-days</c> (a positive number) and <c>kind-weights</c> (<c>purchase=5,view=1</c>).</summary>
    /// <exception cref="ArgumentException">A value is malformed (every problem at once).</exception>
    public static PopularityOptions From(IReadOnlyDictionary<string, string> settings)
    {
        var errors = new List<string>();
        var options = new PopularityOptions();
        if (settings.TryGetValue("half-life-days", out string? text))
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double days) && double.IsFinite(days) && days > 0)
                options = options with { HalfLifeDays = days };
            else errors.Add($"half-life-days must be a positive number, got '{text}'");
        }
        if (settings.TryGetValue("kind-weights", out string? weights))
        {
            var map = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            foreach (string pair in weights.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int eq = pair.IndexOf('=');
                if (eq > 0 && double.TryParse(pair[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double w) && double.IsFinite(w) && w >= 0)
                    map[pair[..eq].Trim()] = w;
                else errors.Add($"kind-weights must be KIND=WEIGHT pairs separated by commas, got '{pair}'");
            }
            options = options with { KindWeights = map };
        }
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
        return options;
    }
}
