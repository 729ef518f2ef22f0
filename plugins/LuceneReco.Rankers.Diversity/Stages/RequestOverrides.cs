using System.Globalization;
using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Diversity.Stages;

/// <summary>
/// Reads a stage's per-request overrides from <see cref="RankingRequest.Options"/>: keys <c>{stage name}.{option}</c>, values
/// in the invariant culture, each within the bounds the pipeline's options set. A problem names the key and the bound.
/// </summary>
internal static class RequestOverrides
{
    /// <summary>The value of <c>{prefix}.{option}</c>, or <paramref name="configured"/> when it is absent or (with a problem added) bad.</summary>
    public static double Number(RankingRequest request, string prefix, string option, double configured, double min, double max, List<string>? problems)
    {
        string key = prefix + "." + option;
        if (!request.Options.TryGetValue(key, out string? text)) return configured;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            if (value >= min && value <= max) return value;
            problems?.Add(Format($"{key} must be between {min} and {max}, got {value}"));
            return configured;
        }
        problems?.Add(Format($"{key} must be a number between {min} and {max}, got \"{text}\""));
        return configured;
    }

    /// <summary>The value of <paramref name="key"/> as a whole number, or <paramref name="configured"/> when it is absent or (with a problem added) bad.</summary>
    public static int Whole(RankingRequest request, string key, int configured, int min, int max, List<string>? problems)
    {
        if (!request.Options.TryGetValue(key, out string? text)) return configured;
        if (int.TryParse(text, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            if (value >= min && value <= max) return value;
            problems?.Add(Format($"{key} must be between {min} and {max}, got {value}"));
            return configured;
        }
        problems?.Add(Format($"{key} must be a whole number between {min} and {max}, got \"{text}\""));
        return configured;
    }

    /// <summary>Adds a problem for each key under <c>{prefix}.</c> that <paramref name="known"/> does not accept.</summary>
    public static void Unknown(RankingRequest request, string prefix, Func<string, bool> known, string knownList, List<string> problems)
    {
        foreach (string key in request.Options.Keys)
        {
            if (!key.StartsWith(prefix + ".", StringComparison.Ordinal)) continue;
            if (!known(key[(prefix.Length + 1)..])) problems.Add($"{key} is not an option of stage '{prefix}' (it takes {knownList})");
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
