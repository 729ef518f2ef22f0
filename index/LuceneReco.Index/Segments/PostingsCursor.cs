using LuceneReco.Index.Store;

namespace LuceneReco.Index.Segments;

/// <summary>
/// Walks one term's postings in a segment: local docs ascending with their frequencies
/// (format in <see cref="SegmentWriter"/>). A struct so the search loop allocates nothing.
/// Creating it verifies the chunks of the mapped .doc file that hold the term's postings.
/// </summary>
/// <remarks>Reads through a raw pointer: the reader that handed out the segment must stay open (leased) while it is used.</remarks>
internal unsafe struct PostingsCursor
{
    private readonly byte* _data;
    private int _p;
    private readonly int _end;

    public PostingsCursor(MappedFile data, FieldTerms terms, int ordinal)
    {
        long start = terms.DocStart(ordinal), end = terms.DocStart(ordinal + 1);
        if (start < data.PayloadStart || end < start || end > data.End)
            throw new CorruptIndexException(terms.File.Name, terms.RecordsStart + (long)ordinal * FieldTerms.RecordBytes,
                $"postings of term {ordinal} of field {terms.Field} lie outside {data.Name} ({start} to {end})");
        data.Verify((int)start, (int)(end - start));
        _data = data.Pointer;
        _p = (int)start;
        _end = (int)end;
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
        int code = ReadVInt();
        Doc += code >>> 1;
        Freq = (code & 1) != 0 ? 1 : ReadVInt();
        return true;
    }

    /// <summary>A variable-length int; never reads past the term's range (the range was verified, so it is as written).</summary>
    private int ReadVInt()
    {
        int result = 0;
        for (int shift = 0; shift < 35 && _p < _end; shift += 7)
        {
            byte b = _data[_p++];
            result |= (b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        return result;
    }
}
