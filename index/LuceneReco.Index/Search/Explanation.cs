using System.Globalization;
using System.Text;

namespace LuceneReco.Index.Search;

/// <summary>
/// Why a score has its value (after Lucene's Explanation): a value, what it is, and the parts it is
/// made of. The top-level value of a hit's explanation equals its score exactly.
/// </summary>
public sealed record Explanation(float Value, string Description, IReadOnlyList<Explanation> Details)
{
    /// <summary>A leaf explanation.</summary>
    public static Explanation Of(float value, string description) => new(value, description, []);

    /// <summary>An explanation made of <paramref name="details"/>.</summary>
    public static Explanation Of(float value, string description, params Explanation[] details) => new(value, description, details);

    /// <summary>An indented, human-readable tree.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb, 0);
        return sb.ToString();
    }

    private void Write(StringBuilder sb, int depth)
    {
        sb.Append(' ', depth * 2).Append(Value.ToString("G9", CultureInfo.InvariantCulture)).Append(" = ").Append(Description).Append('\n');
        foreach (var d in Details) d.Write(sb, depth + 1);
    }
}
