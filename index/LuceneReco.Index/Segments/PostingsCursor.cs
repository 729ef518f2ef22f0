namespace LuceneReco.Index.Segments;

/// <summary>
/// Walks one term's postings in a segment: local docs ascending with their frequencies
/// (format in <see cref="SegmentWriter"/>). A struct so the search loop allocates nothing.
/// </summary>
internal struct PostingsCursor
{
    private readonly byte[] _data;
    private int _p;
    private readonly int _end;

    public PostingsCursor(byte[] data, FieldTerms terms, int ordinal)
    {
        _data = data;
        _p = (int)terms.DocStart[ordinal];
        _end = (int)terms.DocStart[ordinal + 1];
        Doc = 0;
        Freq = 0;
    }

    /// <summary>The current local doc (after a true <see cref="NextDoc"/>).</summary>
    public int Doc;

    /// <summary>The frequency of the term in <see cref="Doc"/>.</summary>
    public int Freq;

    /// <summary>Advances; false at the end.</summary>
    public bool NextDoc()
    {
        if (_p >= _end) return false;
        int code = SegmentCore.ReadVInt(_data, ref _p);
        Doc += code >>> 1;
        Freq = (code & 1) != 0 ? 1 : SegmentCore.ReadVInt(_data, ref _p);
        return true;
    }
}
