using System.Globalization;
using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Fairness.Common;

/// <summary>Invariant formatting, ordinals and item titles for explanations.</summary>
internal static class Text
{
    public static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>The item's title (first value of <paramref name="titleField"/>), else its id.</summary>
    public static string Title(IItemCatalog items, string itemId, string? titleField)
    {
        if (titleField is not null
            && items.Fields(itemId).TryGetValue(titleField, out IReadOnlyList<string>? values)
            && values.Count > 0 && values[0].Length > 0)
            return values[0];
        return itemId;
    }

    /// <summary>"1 item" / "3 items".</summary>
    public static string Items(int count) => count == 1 ? "1 item" : F($"{count} items");

    /// <summary>Splits a comma-separated option into trimmed non-empty parts.</summary>
    public static string[] List(string? value) =>
        value is null ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Parses an invariant-culture finite number.</summary>
    public static bool TryNumber(string? text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
