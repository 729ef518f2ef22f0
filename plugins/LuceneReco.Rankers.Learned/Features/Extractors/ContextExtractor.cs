using System.Globalization;
using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Learned.Features.Extractors;

/// <summary>
/// The request's context, the same for every candidate (trees combine it with the item's features): <c>ctx.hour</c> (0-23)
/// and <c>ctx.weekday</c> (0 Sunday to 6), from the request options "hour" and "weekday" when given, else from the clock in
/// UTC; and each request option named in <paramref name="keys"/>: a number as <c>ctx.&lt;key&gt;</c>, any other value as the
/// indicator <c>ctx.&lt;key&gt;=&lt;value&gt;</c> = 1 (e.g. <c>ctx.device=mobile</c>). An option the request does not pass is missing.
/// </summary>
internal sealed class ContextExtractor(IReadOnlyList<string> keys) : IFeatureExtractor
{
    private readonly string[] _keys = [.. keys];

    public string Name => "context";

    public void Extract(FeatureContext context, IReadOnlyList<Candidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(candidates);
        var options = context.Request.Options;
        var values = new List<KeyValuePair<string, double>>(2 + _keys.Length)
        {
            new("ctx.hour", Number(options, "hour") ?? context.Now.UtcDateTime.Hour),
            new("ctx.weekday", Number(options, "weekday") ?? (int)context.Now.UtcDateTime.DayOfWeek),
        };
        foreach (string key in _keys)
        {
            if (!options.TryGetValue(key, out string? text)) continue;
            values.Add(Number(options, key) is double v ? new("ctx." + key, v) : new($"ctx.{key}={text.Trim()}", 1));
        }
        for (int c = 0; c < candidates.Count; c++)
            foreach (var (name, value) in values) candidates[c].Features[name] = value;
    }

    private static double? Number(IReadOnlyDictionary<string, string> options, string key) =>
        options.TryGetValue(key, out string? text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : null;
}
