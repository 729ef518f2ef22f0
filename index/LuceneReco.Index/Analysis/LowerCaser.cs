using System.Text;

namespace LuceneReco.Index.Analysis;

/// <summary>Lowercases a term in place per code point, as Lucene's LowerCaseFilter (Java's Character.toLowerCase).</summary>
internal static class LowerCaser
{
    /// <summary>Simple (one-to-one) lowercase mapping of every code point; the length never changes.</summary>
    public static void Apply(Span<char> term)
    {
        for (int i = 0; i < term.Length; i++)
        {
            char c = term[i];
            if (c < 0x80)
            {
                if ((uint)(c - 'A') <= 'Z' - 'A') term[i] = (char)(c | 0x20);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < term.Length && char.IsLowSurrogate(term[i + 1]))
            {
                var lower = Rune.ToLowerInvariant(new Rune(c, term[i + 1]));
                if (lower.Utf16SequenceLength == 2)
                {
                    lower.EncodeToUtf16(term.Slice(i, 2));
                }
                i++;
            }
            else
            {
                // Java maps U+0130 (capital I with dot) to plain 'i'; .NET's invariant casing leaves it
                term[i] = c == '\u0130' ? 'i' : char.ToLowerInvariant(c);
            }
        }
    }
}
