using LuceneReco.Index.Analysis;

namespace LuceneReco.Index.Segments;

/// <summary>
/// The analysed tokens of one field of one document, recorded so analysis can run on another thread than
/// inversion: the term characters back to back, and per token its start, length and position. Values of a
/// multi-valued field follow each other without a position gap (after any stop words that ended the previous one).
/// </summary>
internal sealed class TokenRecorder : ITokenConsumer
{
    private char[] _chars = new char[256];
    private int _charCount;
    private int _basePosition;

    public int[] Start = new int[32];
    public int[] Length = new int[32];
    public int[] Position = new int[32];
    public int Count;

    public ReadOnlySpan<char> Term(int i) => _chars.AsSpan(Start[i], Length[i]);

    /// <summary>Analyses one more value of the field.</summary>
    public void Record(Analyzer analyzer, string value)
    {
        _basePosition += analyzer.Analyze(value, this); // trailing removed tokens count, as in Lucene
    }

    void ITokenConsumer.OnToken(ReadOnlySpan<char> term, int position)
    {
        if (Count == Start.Length)
        {
            Array.Resize(ref Start, Count * 2);
            Array.Resize(ref Length, Count * 2);
            Array.Resize(ref Position, Count * 2);
        }
        if (_charCount + term.Length > _chars.Length) Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + term.Length));
        term.CopyTo(_chars.AsSpan(_charCount));
        Start[Count] = _charCount;
        Length[Count] = term.Length;
        int p = _basePosition + position;
        Position[Count++] = p;
        _charCount += term.Length;
    }
}
