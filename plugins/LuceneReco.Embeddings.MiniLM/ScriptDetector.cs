namespace LuceneReco.Embeddings.MiniLM;

/// <summary>Whether a text is mostly Chinese, Japanese or Korean, which the English-only encoders turn into unknown tokens.</summary>
internal static class ScriptDetector
{
    /// <summary>True when at least a third of the letters are Han, kana or Hangul.</summary>
    public static bool IsMostlyCjk(string text)
    {
        int letters = 0, cjk = 0;
        foreach (char c in text)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (IsCjk(c)) cjk++;
        }
        return letters > 0 && cjk * 3 >= letters;
    }

    private static bool IsCjk(char c) =>
        c is >= '\u3040' and <= '\u30FF'   // hiragana, katakana
          or >= '\u3400' and <= '\u4DBF'   // CJK extension A
          or >= '\u4E00' and <= '\u9FFF'   // CJK unified ideographs
          or >= '\uAC00' and <= '\uD7AF'   // Hangul syllables
          or >= '\u1100' and <= '\u11FF'   // Hangul jamo
          or >= '\uF900' and <= '\uFAFF';  // CJK compatibility ideographs
}
