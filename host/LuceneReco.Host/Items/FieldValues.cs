using System.Globalization;
using LuceneReco.Index.Documents;

namespace LuceneReco.Host.Items;

/// <summary>
/// Turns the text of one field of one item into document values according to the schema:
/// keyword values with a separator are split and trimmed (empty parts dropped), numbers are
/// parsed with the invariant culture, text and stored-only values are kept exactly.
/// </summary>
internal static class FieldValues
{
    /// <summary>Adds <paramref name="raw"/> to <paramref name="document"/>; returns an error message, or null on success.</summary>
    /// <param name="split">Whether a keyword field's separator applies (false for the elements of a JSON array).</param>
    public static string? Add(Document document, FieldDefinition field, string raw, bool split = true)
    {
        switch (field.Kind)
        {
            case FieldKind.Keyword:
                if (split && field.Separator is char separator)
                {
                    foreach (var part in raw.Split(separator))
                    {
                        var value = part.Trim();
                        if (value.Length > 0) document.Add(field.Name, value);
                    }
                }
                else
                {
                    var value = raw.Trim();
                    if (value.Length > 0) document.Add(field.Name, value);
                }
                return null;

            case FieldKind.Numeric:
                var text = raw.Trim();
                if (text.Length == 0) return null;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                    return $"field '{field.Name}': '{Shorten(text)}' is not a number";
                document.Add(field.Name, number);
                return null;

            default:
                if (raw.Length > 0) document.Add(field.Name, raw);
                return null;
        }
    }

    /// <summary>Adds a number read from JSON; returns an error message, or null on success.</summary>
    public static string? AddNumber(Document document, FieldDefinition field, double number, string rawText)
    {
        if (field.Kind != FieldKind.Numeric) return Add(document, field, rawText, split: false);
        if (!double.IsFinite(number)) return $"field '{field.Name}': {Shorten(rawText)} is out of range";
        document.Add(field.Name, number);
        return null;
    }

    /// <summary>At most 40 characters of <paramref name="text"/>, for error messages.</summary>
    public static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
}
