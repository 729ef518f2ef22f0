using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Store;

namespace LuceneReco.Index.Segments;

/// <summary>
/// The immutable contents of one segment, memory-mapped: the files' bytes stay in the page cache, the heap holds only
/// the field directory, a terms index of every 32nd term and the stored-block index. Opening checks every file's
/// framing and length and checksums the small ones (and norms and numbers) whole; the rest is verified a chunk at a
/// time when first read (see <see cref="MappedFile"/>). Shared by every reader that includes the segment and
/// reference-counted: the files are unmapped when the last holder releases it (or, for a core nobody released, when
/// it becomes unreachable). Deletes live outside it.
/// </summary>
internal sealed unsafe partial class SegmentCore
{
    private readonly IndexSchema _schema;
    private readonly MappedFile[] _files;
    private readonly MappedFile _tv, _fdt, _ids;
    private readonly int _tvIndex;
    private readonly int[] _blockFirstDoc, _blockOffset; // blocks + 1 offsets: the last is where the block index starts
    private readonly int _idOffsets, _idOrder;
    private int _refs = 1;

    public static string CodecOf(string extension) => "Seg." + extension;

    public string Name { get; }
    public int MaxDoc { get; }
    public long Bytes { get; }
    public FieldTerms?[] Fields { get; }

    /// <summary>The mapped postings (.doc).</summary>
    public MappedFile DocData { get; }

    /// <summary>The mapped positions (.pos).</summary>
    public MappedFile PosData { get; }

    public ByteColumn?[] Norms { get; }
    public DoubleColumn?[] Numbers { get; }

    private SegmentCore(string name, int maxDoc, long bytes, IndexSchema schema, MappedFile[] files, FieldTerms?[] fields,
        ByteColumn?[] norms, DoubleColumn?[] numbers, int tvIndex, int[] blockFirstDoc, int[] blockOffset, int idOffsets, int idOrder)
    {
        Name = name; MaxDoc = maxDoc; Bytes = bytes; _schema = schema; _files = files; Fields = fields;
        DocData = files[1]; PosData = files[2]; _tv = files[3]; _fdt = files[4]; _ids = files[5];
        Norms = norms; Numbers = numbers; _tvIndex = tvIndex;
        _blockFirstDoc = blockFirstDoc; _blockOffset = blockOffset; _idOffsets = idOffsets; _idOrder = idOrder;
    }

    // ---- lifetime ----------------------------------------------------------------------------

    /// <summary>Takes one more reference; false when the core was already released (its files unmapped).</summary>
    public bool TryIncRef()
    {
        while (true)
        {
            int n = Volatile.Read(ref _refs);
            if (n <= 0) return false;
            if (Interlocked.CompareExchange(ref _refs, n + 1, n) == n) return true;
        }
    }

    /// <summary>Drops one reference; the last one unmaps the files.</summary>
    public void DecRef()
    {
        int n = Interlocked.Decrement(ref _refs);
        if (n == 0) foreach (var f in _files) f.Dispose();
        else if (n < 0) throw new InvalidOperationException($"segment {Name} released more often than referenced");
    }

    /// <summary>Whether the files are still mapped.</summary>
    public bool IsOpen => Volatile.Read(ref _refs) > 0;

    // ---- ids ---------------------------------------------------------------------------------

    private ReadOnlySpan<byte> IdBytes(int doc)
    {
        var o = _ids.Span(_idOffsets + 4 * doc, 8);
        int start = BinaryPrimitives.ReadInt32LittleEndian(o), end = BinaryPrimitives.ReadInt32LittleEndian(o[4..]);
        if (start < _ids.PayloadStart || end < start || end > _idOffsets)
            throw new CorruptIndexException(_ids.Name, _idOffsets + 4 * doc, $"id of document {doc} lies outside the ids ({start} to {end})");
        return _ids.Span(start, end - start);
    }

    private int IdOrder(int i)
    {
        int d = BinaryPrimitives.ReadInt32LittleEndian(_ids.Span(_idOrder + 4 * i, 4));
        return (uint)d < (uint)MaxDoc ? d : throw new CorruptIndexException(_ids.Name, _idOrder + 4 * i, $"id table names document {d} of {MaxDoc}");
    }

    /// <summary>The id of local doc <paramref name="doc"/>.</summary>
    public string IdOf(int doc)
    {
        if ((uint)doc >= (uint)MaxDoc) throw new ArgumentOutOfRangeException(nameof(doc), doc, $"doc must be 0 to {MaxDoc - 1}");
        return Encoding.UTF8.GetString(IdBytes(doc));
    }

    /// <summary>The local doc of <paramref name="id"/> (deleted or not; of duplicates the last), or -1.</summary>
    public int DocOf(string id)
    {
        int max = Encoding.UTF8.GetMaxByteCount(id.Length);
        Span<byte> bytes = max <= 512 ? stackalloc byte[max] : new byte[max];
        bytes = bytes[..Encoding.UTF8.GetBytes(id, bytes)];
        int lo = 0, hi = MaxDoc - 1; // the table is ordered by (id bytes, doc): find the last entry <= id
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (IdBytes(IdOrder(mid)).SequenceCompareTo(bytes) <= 0) lo = mid + 1; else hi = mid - 1;
        }
        if (hi < 0) return -1;
        int d = IdOrder(hi);
        return IdBytes(d).SequenceEqual(bytes) ? d : -1;
    }

    // ---- term vectors ------------------------------------------------------------------------

    /// <summary>The term vector of <paramref name="doc"/> for <paramref name="field"/>: ordinals ascending and freqs.</summary>
    /// <exception cref="CorruptIndexException">The record is inconsistent (reads stay within the document's own record).</exception>
    public int TermVector(int doc, int field, ref int[] ords, ref int[] freqs)
    {
        if ((uint)doc >= (uint)MaxDoc) throw new ArgumentOutOfRangeException(nameof(doc), doc, $"doc must be 0 to {MaxDoc - 1}");
        var o = _tv.Span(_tvIndex + 4 * doc, 8);
        int p = BinaryPrimitives.ReadInt32LittleEndian(o), end = BinaryPrimitives.ReadInt32LittleEndian(o[4..]);
        if (p < _tv.PayloadStart || end <= p || end > _tvIndex) throw new CorruptIndexException(Name + ".tv", _tvIndex + 4 * doc, $"term vector of document {doc} lies outside the records ({p} to {end})");
        _tv.Verify(p, end - p);
        byte* data = _tv.Pointer;
        int start = p;
        int fields = Checked(data, ref p, end, doc, start);
        for (int f = 0; f < fields; f++)
        {
            int fieldNo = Checked(data, ref p, end, doc, start);
            int n = Checked(data, ref p, end, doc, start);
            if (n > end - p) throw TvCorrupt(start, doc, $"claims {n} terms in {end - p} bytes");
            if (fieldNo != field)
            {
                for (int i = 0; i < 2 * n; i++) Checked(data, ref p, end, doc, start);
                continue;
            }
            if (ords.Length < n) { ords = new int[n]; freqs = new int[n]; }
            int ord = 0;
            int termCount = Fields[field]?.Count ?? 0;
            for (int i = 0; i < n; i++)
            {
                ord += Checked(data, ref p, end, doc, start);
                ords[i] = ord;
                freqs[i] = Checked(data, ref p, end, doc, start);
                if ((uint)ord >= (uint)termCount || freqs[i] <= 0)
                    throw TvCorrupt(start, doc, $"names term {ord} of {termCount} (freq {freqs[i]})");
            }
            return n;
        }
        return 0;
    }

    private CorruptIndexException TvCorrupt(int at, int doc, string what) => new(Name + ".tv", at, $"term vector of document {doc} {what}");

    /// <summary>A variable-length int that must end before <paramref name="end"/>.</summary>
    private int Checked(byte* data, ref int p, int end, int doc, int start)
    {
        int result = 0;
        for (int shift = 0; shift < 32; shift += 7)
        {
            if (p >= end) throw TvCorrupt(start, doc, "runs past its record");
            byte b = data[p++];
            result |= (b & 0x7F) << shift;
            if (b < 0x80) return result < 0 ? throw TvCorrupt(start, doc, "holds a negative number") : result;
        }
        throw TvCorrupt(start, doc, "holds a malformed number");
    }

    // ---- stored fields -----------------------------------------------------------------------

    /// <summary>The stored string values of <paramref name="doc"/> added to <paramref name="into"/>.</summary>
    public void ReadStored(int doc, Document into)
    {
        var data = StoredBlock(doc, out int block);
        int q = 0;
        for (int d = _blockFirstDoc[block]; d < doc; d++) { int skip = StoredFields.ReadVInt(data, ref q, _fdt.Name); q += skip; }
        int len = StoredFields.ReadVInt(data, ref q, _fdt.Name);
        if (len < 0 || len > data.Length - q) throw new CorruptIndexException(_fdt.Name, _blockOffset[block], $"stored record of document {doc} runs past its block");
        StoredFields.Deserialize(data.AsSpan(q, len), _schema, into, _fdt.Name);
        for (int f = 0; f < Numbers.Length; f++)
            if (Numbers[f] is { } values && !double.IsNaN(values[doc])) into.Add(_schema.Fields[f].Name, values[doc]);
    }

    /// <summary>The raw serialized stored record of <paramref name="doc"/> (for merges).</summary>
    public byte[] StoredRecord(int doc, ref (int Block, byte[] Data) cache)
    {
        int block = BlockOf(doc);
        if (cache.Block != block || cache.Data is null) cache = (block, StoredBlock(doc, out _));
        int q = 0;
        for (int d = _blockFirstDoc[block]; d < doc; d++) { int skip = StoredFields.ReadVInt(cache.Data, ref q, _fdt.Name); q += skip; }
        int len = StoredFields.ReadVInt(cache.Data, ref q, _fdt.Name);
        if (len < 0 || len > cache.Data.Length - q) throw new CorruptIndexException(_fdt.Name, _blockOffset[block], $"stored record of document {doc} runs past its block");
        return cache.Data.AsSpan(q, len).ToArray();
    }

    private int BlockOf(int doc)
    {
        if ((uint)doc >= (uint)MaxDoc) throw new ArgumentOutOfRangeException(nameof(doc), doc, $"doc must be 0 to {MaxDoc - 1}");
        int block = Array.BinarySearch(_blockFirstDoc, doc);
        return block < 0 ? ~block - 1 : block;
    }

    /// <summary>The decompressed stored block holding <paramref name="doc"/> (its chunks verified first).</summary>
    private byte[] StoredBlock(int doc, out int block)
    {
        block = BlockOf(doc);
        int start = _blockOffset[block], length = _blockOffset[block + 1] - start;
        var bytes = _fdt.Span(start, length);
        int p = 0;
        int raw = StoredFields.ReadVInt(bytes, ref p, _fdt.Name), compressed = StoredFields.ReadVInt(bytes, ref p, _fdt.Name);
        if (raw < 0 || raw > 1 << 30 || compressed < 0 || compressed > length - p)
            throw new CorruptIndexException(_fdt.Name, start, $"stored block {block} has impossible lengths ({raw}, {compressed})");
        var data = new byte[raw];
        try
        {
            using var inflate = new DeflateStream(new UnmanagedMemoryStream(_fdt.Pointer + start + p, compressed), CompressionMode.Decompress);
            inflate.ReadExactly(data);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new CorruptIndexException(_fdt.Name, start, "stored block does not decompress", e);
        }
        return data;
    }

    // ---- positions ---------------------------------------------------------------------------

    /// <summary>Where term <paramref name="ordinal"/>'s positions start in <see cref="PosData"/>, its range verified.</summary>
    public int PositionsStart(FieldTerms terms, int ordinal)
    {
        long start = terms.PosStart(ordinal), end = terms.PosStart(ordinal + 1);
        if (start < PosData.PayloadStart || end < start || end > PosData.End)
            throw new CorruptIndexException(terms.File.Name, terms.RecordsStart + (long)ordinal * FieldTerms.RecordBytes,
                $"positions of term {ordinal} of field {terms.Field} lie outside {PosData.Name} ({start} to {end})");
        PosData.Verify((int)start, (int)(end - start));
        return (int)start;
    }

    /// <summary>A variable-length int from a verified range of <paramref name="data"/>; never reads past its payload.</summary>
    internal static int ReadVInt(MappedFile data, ref int p)
    {
        byte* bytes = data.Pointer;
        int end = data.End, result = 0;
        for (int shift = 0; shift < 35 && p < end; shift += 7)
        {
            byte b = bytes[p++];
            result |= (b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        return result;
    }
}
