namespace LuceneReco.Index.Analysis;

/// <summary>Token types of <see cref="StandardTokenizer"/>, as Lucene 8.7's StandardTokenizer.TOKEN_TYPES.</summary>
internal enum TokenType : byte
{
    /// <summary>&lt;ALPHANUM&gt;: letters and digits.</summary>
    AlphaNum,
    /// <summary>&lt;NUM&gt;: a number (digits joined by MidNum / ExtendNumLet characters).</summary>
    Num,
    /// <summary>&lt;SOUTHEAST_ASIAN&gt;: a run of Line_Break=Complex_Context characters (Thai, Lao, Myanmar, Khmer...).</summary>
    SouthEastAsian,
    /// <summary>&lt;IDEOGRAPHIC&gt;: a single Han character.</summary>
    Ideographic,
    /// <summary>&lt;HIRAGANA&gt;: a single Hiragana character.</summary>
    Hiragana,
    /// <summary>&lt;KATAKANA&gt;: a run of Katakana.</summary>
    Katakana,
    /// <summary>&lt;HANGUL&gt;: a run of Hangul.</summary>
    Hangul,
    /// <summary>&lt;EMOJI&gt;: an emoji sequence.</summary>
    Emoji,
}
