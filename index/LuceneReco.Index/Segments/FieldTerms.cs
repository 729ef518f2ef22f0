using System.Buffers.Binary;
using System.Text;
using LuceneReco.Index.Store;

namespace LuceneReco.Index.Segments;

/// <summary>
/// One field's term dictionary in a segment, searched in place in the mapped .tim file: the terms' UTF-8 bytes, then
/// one fixed-width record per term (and a sentinel) holding where its postings and positions start, its statistics
/// and its score bound. Only a terms index of every <see cref="IndexInterval"/>-th term lives in the heap (as Lucene's
/// terms index does): a lookup binary-searches it, then scans one block of records.
/// </summary>
/// <remarks>
/// Record (<see cref="RecordBytes"/>, little-endian, unaligned): int32 docStart, int32 posStart, int32 termStart,
/// int32 docFreq, int32 totalTermFreq, int32 maxFreq, byte minNorm (files are below 2 GiB, so offsets and counts fit). Terms are in string.CompareOrdinal (UTF-16) order;
/// comparisons on UTF-8 bytes correct for the one place the two orders differ (see <see cref="CompareUtf16Order"/>).
/// </remarks>
internal sealed unsafe class FieldTerms
{
    public const int RecordBytes = 25;
    public const int IndexInterval = 32;

    private readonly MappedFile _tim;
    private readonly int _records;
    private readonly byte[] _indexBytes;
    private readonly int[] _indexStarts; // IndexCount + 1 offsets into _indexBytes

    public FieldTerms(MappedFile tim, int field, bool hasPositions, int count, int docCount, long sumTotalTermFreq,
        int recordsStart, byte[] indexBytes, int[] indexStarts)
    {
        _tim = tim;
        Field = field;
        HasPositions = hasPositions;
        Count = count;
        DocCount = docCount;
        SumTotalTermFreq = sumTotalTermFreq;
        _records = recordsStart;
        _indexBytes = indexBytes;
        _indexStarts = indexStarts;
    }

    public int Field { get; }
    public bool HasPositions { get; }

    /// <summary>Terms in this field.</summary>
    public int Count { get; }

    /// <summary>Documents with at least one term in this field.</summary>
    public int DocCount { get; }

    /// <summary>Sum of all term frequencies (total field length over documents).</summary>
    public long SumTotalTermFreq { get; }

    /// <summary>The mapped .tim file.</summary>
    public MappedFile File => _tim;

    /// <summary>Where the records start (for the checker).</summary>
    public int RecordsStart => _records;

    private ReadOnlySpan<byte> Record(int ordinal)
    {
        if ((uint)ordinal > (uint)Count) throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal, $"ordinal must be 0 to {Count}");
        return _tim.Span(_records + ordinal * RecordBytes, RecordBytes);
    }

    private const int TermStartAt = 8;

    public long DocStart(int ordinal) => BinaryPrimitives.ReadInt32LittleEndian(Record(ordinal));
    public long PosStart(int ordinal) => BinaryPrimitives.ReadInt32LittleEndian(Record(ordinal)[4..]);
    private int TermStart(int ordinal) => BinaryPrimitives.ReadInt32LittleEndian(Record(ordinal)[TermStartAt..]);
    public int DocFreq(int ordinal) => BinaryPrimitives.ReadInt32LittleEndian(Record(ordinal)[12..]);
    public long TotalTermFreq(int ordinal) => BinaryPrimitives.ReadInt32LittleEndian(Record(ordinal)[16..]);

    /// <summary>The largest frequency of the term in any document.</summary>
    public int MaxFreq(int ordinal) => BinaryPrimitives.ReadInt32LittleEndian(Record(ordinal)[20..]);

    /// <summary>The smallest norm byte (shortest field) among the term's documents; 1 for fields without norms.</summary>
    public byte MinNorm(int ordinal) => Record(ordinal)[24];

    /// <summary>The term's UTF-8 bytes.</summary>
    public ReadOnlySpan<byte> TermBytes(int ordinal)
    {
        int start = TermStart(ordinal), end = TermStart(ordinal + 1);
        if (end < start) throw new CorruptIndexException(_tim.Name, _records + ordinal * RecordBytes, $"term {ordinal} of field {Field} ends before it starts");
        return _tim.Span(start, end - start);
    }

    /// <summary>The term with ordinal <paramref name="ordinal"/>.</summary>
    public string Term(int ordinal) => Encoding.UTF8.GetString(TermBytes(ordinal));

    /// <summary>The ordinal of <paramref name="term"/>, or -1.</summary>
    public int Ordinal(ReadOnlySpan<char> term)
    {
        int max = Encoding.UTF8.GetMaxByteCount(term.Length);
        Span<byte> bytes = max <= 512 ? stackalloc byte[max] : new byte[max];
        bytes = bytes[..Encoding.UTF8.GetBytes(term, bytes)];
        // the last index entry <= term
        int lo = 0, hi = _indexStarts.Length - 2;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = CompareUtf16Order(_indexBytes.AsSpan(_indexStarts[mid], _indexStarts[mid + 1] - _indexStarts[mid]), bytes);
            if (c == 0) return mid * IndexInterval;
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        if (hi < 0) return -1;
        // scan the block: its records and term bytes are verified once, then compared in place
        int first = hi * IndexInterval + 1, end = Math.Min(Count, hi * IndexInterval + IndexInterval);
        if (first >= end) return -1;
        var records = _tim.Span(_records + first * RecordBytes, (end - first + 1) * RecordBytes);
        int from = BinaryPrimitives.ReadInt32LittleEndian(records[TermStartAt..]);
        int to = BinaryPrimitives.ReadInt32LittleEndian(records[((end - first) * RecordBytes + TermStartAt)..]);
        if (to < from) throw new CorruptIndexException(_tim.Name, _records + first * RecordBytes, $"terms {first} to {end} of field {Field} end before they start");
        var text = _tim.Span(from, to - from);
        int start = 0;
        for (int o = first; o < end; o++)
        {
            int next = BinaryPrimitives.ReadInt32LittleEndian(records[((o + 1 - first) * RecordBytes + TermStartAt)..]) - from;
            if (next < start || next > text.Length) throw new CorruptIndexException(_tim.Name, _records + o * RecordBytes, $"term {o} of field {Field} lies outside its block");
            int c = CompareUtf16Order(text[start..next], bytes);
            if (c == 0) return o;
            if (c > 0) return -1;
            start = next;
        }
        return -1;
    }

    /// <summary>
    /// Compares UTF-8 strings in the order string.CompareOrdinal gives their UTF-16 forms. The orders differ only
    /// where one string has a char U+E000..U+FFFF (lead byte EE or EF) and the other a supplementary one (lead byte
    /// F0..F4) at the first difference: in UTF-16 the supplementary one's surrogate (D800..DBFF) sorts first.
    /// </summary>
    public static int CompareUtf16Order(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        int i = x.CommonPrefixLength(y);
        if (i == x.Length || i == y.Length) return x.Length - y.Length;
        byte a = x[i], b = y[i];
        if (a >= 0xEE && b >= 0xEE && (a >= 0xF0) != (b >= 0xF0)) return a >= 0xF0 ? -1 : 1;
        return a - b;
    }
}
