namespace LuceneReco.Index.Analysis;

/// <summary>
/// Width folding as Lucene's CJKWidthFilter: fullwidth ASCII variants (U+FF01-FF5E) become basic
/// Latin, halfwidth Katakana (U+FF65-FF9F) becomes fullwidth, and a halfwidth (semi-)voiced sound
/// mark combines with the kana before it when a composed form exists.
/// </summary>
internal static class CjkWidth
{
    /// <summary>Fullwidth forms of U+FF65..U+FF9F (the two sound marks fall back to the combining marks).</summary>
    private static ReadOnlySpan<char> HalfwidthKana =>
        "\u30FB\u30F2\u30A1\u30A3\u30A5\u30A7\u30A9\u30E3\u30E5\u30E7\u30C3\u30FC\u30A2\u30A4\u30A6\u30A8" +
        "\u30AA\u30AB\u30AD\u30AF\u30B1\u30B3\u30B5\u30B7\u30B9\u30BB\u30BD\u30BF\u30C1\u30C4\u30C6\u30C8" +
        "\u30CA\u30CB\u30CC\u30CD\u30CE\u30CF\u30D2\u30D5\u30D8\u30DB\u30DE\u30DF\u30E0\u30E1\u30E2\u30E4" +
        "\u30E6\u30E8\u30E9\u30EA\u30EB\u30EC\u30ED\u30EF\u30F3\u3099\u309A";

    /// <summary>Folds <paramref name="term"/> in place and returns its new length (voiced marks may merge).</summary>
    public static int Fold(Span<char> term)
    {
        int length = term.Length;
        for (int i = 0; i < length; i++)
        {
            char c = term[i];
            if (c < 0xFF01) continue;
            if (c <= 0xFF5E)
            {
                term[i] = (char)(c - 0xFEE0);
            }
            else if (c >= 0xFF65 && c <= 0xFF9F)
            {
                if ((c == 0xFF9E || c == 0xFF9F) && i > 0 && Combine(ref term[i - 1], semiVoiced: c == 0xFF9F))
                {
                    term.Slice(i + 1, length - i - 1).CopyTo(term[i..]);
                    length--;
                    i--;
                }
                else
                {
                    term[i] = HalfwidthKana[c - 0xFF65];
                }
            }
        }
        return length;
    }

    /// <summary>Voices the kana <paramref name="prev"/> (カ→ガ, ウ→ヴ, ワ→ヷ...) or half-voices it (ハ→パ); false if it has no such form.</summary>
    private static bool Combine(ref char prev, bool semiVoiced)
    {
        char p = prev;
        int delta = semiVoiced ? SemiVoicedDelta(p) : VoicedDelta(p);
        if (delta == 0) return false;
        prev = (char)(p + delta);
        return true;
    }

    private static int VoicedDelta(char p) => p switch
    {
        '\u30A6' => 0x30F4 - 0x30A6,                                   // ウ → ヴ
        >= '\u30AB' and <= '\u30C2' => (p - 0x30AB) % 2 == 0 ? 1 : 0,   // カ..ヂ: unvoiced kana are every other code point
        '\u30C4' or '\u30C6' or '\u30C8' => 1,                          // ツ テ ト
        >= '\u30CF' and <= '\u30DD' => (p - 0x30CF) % 3 == 0 ? 1 : 0,   // ハ ヒ フ ヘ ホ
        >= '\u30EF' and <= '\u30F2' => 8,                               // ワ ヰ ヱ ヲ → ヷ ヸ ヹ ヺ
        '\u30FD' => 1,                                                  // ヽ → ヾ
        _ => 0,
    };

    private static int SemiVoicedDelta(char p)
        => p >= '\u30CF' && p <= '\u30DD' && (p - 0x30CF) % 3 == 0 ? 2 : 0;   // ハ ヒ フ ヘ ホ → パ ピ プ ペ ポ
}
