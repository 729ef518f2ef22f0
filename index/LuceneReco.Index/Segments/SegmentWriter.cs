using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using LuceneReco.Index.Store;

namespace LuceneReco.Index.Segments;

/// <summary>
/// Writes the files of one new segment. Used by flush and by merges: fields' terms in sorted order with
/// their postings first, then per-document term vectors, stored values and ids, then norms and numbers.
/// Disposing before <see cref="Finish"/> deletes the partial files.
/// </summary>
/// <remarks>
/// Postings: per document <c>vint(docDelta &lt;&lt; 1 | freq == 1)</c>, then <c>vint(freq)</c> when freq &gt; 1
/// (Lucene's trick). Positions, in their own file: per document, freq position deltas.
/// Term vectors reference terms by ordinal in this segment's sorted dictionary, so they cost a few bytes a term.
/// Format 2 lays every structure out for a memory-mapped reader: .tim holds per field the terms' UTF-8 bytes, then one
/// fixed-width record per term and a sentinel (see <see cref="FieldTerms"/>), and a trailing directory with a terms index
/// of every <see cref="FieldTerms.IndexInterval"/>-th term; .tv ends with int32 offsets per document (and an end);
/// .ids holds the ids' bytes, int32 offsets, and the docs ordered by id bytes for lookups.
/// </remarks>
internal sealed class SegmentWriter : IDisposable
{
    public const int StoredBlockBytes = 32 * 1024;

    private readonly string _directory;
    private readonly SegmentInfo _info;
    private readonly IndexOutput _tim, _doc, _pos, _tv, _fdt, _ids;
    private readonly List<(int Field, byte[] Norms)> _norms = new();
    private readonly List<(int Field, double[] Values)> _numbers = new();
    private GrowableArray<long> _tvOffsets = new(1024);
    private readonly List<(int FirstDoc, long Offset)> _storedBlocks = new();
    private readonly MemoryStream _storedBlock = new();
    private int _storedBlockFirstDoc, _storedDocs;
    private readonly List<FieldEntry> _fieldEntries = new();
    private FieldEntry? _field;
    private readonly MemoryStream _records = new();
    private readonly MemoryStream _idBytes = new();
    private GrowableArray<int> _idOffsets = new(1024);
    private int _tvDocs, _idCount;
    private bool _finished;
    private readonly List<IndexOutput> _all;

    public SegmentWriter(string directory, string name, int maxDoc)
    {
        _directory = directory;
        _info = new SegmentInfo(name, maxDoc, 0, 0);
        _tim = Create("tim"); _doc = Create("doc"); _pos = Create("pos");
        _tv = Create("tv"); _fdt = Create("fdt"); _ids = Create("ids");
        _all = [_tim, _doc, _pos, _tv, _fdt, _ids];
    }

    /// <summary>What the .tim directory says about one field; written by <see cref="Finish"/>.</summary>
    private sealed class FieldEntry(int fieldNumber, bool positions, int termCount, int docCount, long sumTotalTermFreq)
    {
        public int Field => fieldNumber;
        public bool Positions => positions;
        public int TermCount => termCount;
        public int DocCount => docCount;
        public long SumTotalTermFreq => sumTotalTermFreq;
        public int Written { get; set; }
        public long RecordsStart { get; set; }
        public List<byte[]> IndexTerms { get; } = new();
    }

    public SegmentInfo Info => _info;

    private IndexOutput Create(string ext) => new(_info.File(_directory, ext), SegmentCore.CodecOf(ext));

    // ---- terms and postings -------------------------------------------------------------------


    /// <summary>Starts the terms of a field. Fields come in increasing field number.</summary>
    /// <param name="norms">The field's norm byte per document, or null for a field without norms; used for each term's score bound.</param>
    public void BeginField(int fieldNumber, bool positions, int termCount, int docCount, long sumTotalTermFreq, byte[]? norms)
    {
        EndField();
        _fieldNorms = norms;
        _field = new FieldEntry(fieldNumber, positions, termCount, docCount, sumTotalTermFreq);
        _fieldEntries.Add(_field);
        _records.SetLength(0);
    }

    private byte[]? _fieldNorms;

    /// <summary>Closes the current field: its sentinel record, then its records after its term bytes.</summary>
    private void EndField()
    {
        if (_field is not { } f) return;
        if (f.Written != f.TermCount) throw new InvalidOperationException($"field {f.Field}: {f.TermCount} terms declared but {f.Written} written");
        WriteRecord(_doc.Position, _pos.Position, 0, _tim.Position, 0, 0, 0);
        f.RecordsStart = _tim.Position;
        _tim.WriteBytes(_records.GetBuffer().AsSpan(0, (int)_records.Length));
        _field = null;
    }

    private void WriteRecord(long docStart, long posStart, long ttf, long termStart, int docFreq, int maxFreq, byte minNorm)
    {
        if (docStart > int.MaxValue || posStart > int.MaxValue || termStart > int.MaxValue || ttf > int.MaxValue)
            throw new InvalidOperationException($"segment {_info.Name}: a postings, positions or terms file passed 2 GiB");
        Span<byte> r = stackalloc byte[FieldTerms.RecordBytes];
        BinaryPrimitives.WriteInt32LittleEndian(r, (int)docStart);
        BinaryPrimitives.WriteInt32LittleEndian(r[4..], (int)posStart);
        BinaryPrimitives.WriteInt32LittleEndian(r[8..], (int)termStart);
        BinaryPrimitives.WriteInt32LittleEndian(r[12..], docFreq);
        BinaryPrimitives.WriteInt32LittleEndian(r[16..], (int)ttf);
        BinaryPrimitives.WriteInt32LittleEndian(r[20..], maxFreq);
        r[24] = minNorm;
        _records.Write(r);
    }

    /// <summary>Adds the next term (in ordinal order) of the current field.</summary>
    /// <param name="positions">Absolute positions, freqs[i] of them per document, concatenated; empty for fields without positions.</param>
    public void AddTerm(string term, ReadOnlySpan<int> docs, ReadOnlySpan<int> freqs, ReadOnlySpan<int> positions, bool hasPositions)
    {
        var field = _field ?? throw new InvalidOperationException("AddTerm before BeginField");
        // term bytes whole (the dictionary is searched in place); every IndexInterval-th also goes to the terms index
        int max = Encoding.UTF8.GetMaxByteCount(term.Length);
        Span<byte> bytes = max <= 1024 ? stackalloc byte[max] : new byte[max];
        int n = Encoding.UTF8.GetBytes(term, bytes);
        bytes = bytes[..n];
        long termStart = _tim.Position;
        _tim.WriteBytes(bytes);
        if (field.Written % FieldTerms.IndexInterval == 0) field.IndexTerms.Add(bytes.ToArray());
        field.Written++;

        long docStart = _doc.Position, posStart = _pos.Position, ttf = 0;
        int last = 0, p = 0, maxFreq = 0;
        byte minNorm = _fieldNorms is null ? (byte)1 : byte.MaxValue;
        for (int i = 0; i < docs.Length; i++)
        {
            int d = docs[i], f = freqs[i];
            if (f > maxFreq) maxFreq = f;
            if (_fieldNorms is not null && _fieldNorms[d] < minNorm) minNorm = _fieldNorms[d];
            int delta = d - last;
            last = d;
            if (f == 1) _doc.WriteVInt((delta << 1) | 1);
            else { _doc.WriteVInt(delta << 1); _doc.WriteVInt(f); }
            ttf += f;
            if (hasPositions)
            {
                int lastPos = 0;
                for (int k = 0; k < f; k++) { int pos = positions[p++]; _pos.WriteVInt(pos - lastPos); lastPos = pos; }
            }
        }
        // maxFreq with minNorm: the best (freq, length) any doc can have, a score upper bound
        WriteRecord(docStart, posStart, ttf, termStart, docs.Length, maxFreq, minNorm);
    }

    // ---- per-document data, in doc order ------------------------------------------------------

    /// <summary>Adds the next document's term vectors: for each field, ordinals ascending and their freqs.</summary>
    public void AddTermVectors(ReadOnlySpan<(int Field, int[] Ords, int[] Freqs, int Count)> fields)
    {
        _tvOffsets.Add(_tv.Position);
        _tv.WriteVInt(fields.Length);
        foreach (var (field, ords, freqs, count) in fields)
        {
            _tv.WriteVInt(field);
            _tv.WriteVInt(count);
            int last = 0;
            for (int i = 0; i < count; i++) { _tv.WriteVInt(ords[i] - last); last = ords[i]; _tv.WriteVInt(freqs[i]); }
        }
        _tvDocs++;
    }

    /// <summary>Adds the next document's stored values, already serialized by <see cref="StoredFields.Serialize"/>.</summary>
    public void AddStored(ReadOnlySpan<byte> serialized)
    {
        if (_storedBlock.Length == 0) _storedBlockFirstDoc = _storedDocs;
        Span<byte> len = stackalloc byte[5];
        int l = 0;
        uint v = (uint)serialized.Length;
        while (v >= 0x80) { len[l++] = (byte)(v | 0x80); v >>= 7; }
        len[l++] = (byte)v;
        _storedBlock.Write(len[..l]);
        _storedBlock.Write(serialized);
        _storedDocs++;
        if (_storedBlock.Length >= StoredBlockBytes) FlushStoredBlock();
    }

    /// <summary>Adds the next document's id.</summary>
    public void AddId(string id)
    {
        int max = Encoding.UTF8.GetMaxByteCount(id.Length);
        Span<byte> bytes = max <= 1024 ? stackalloc byte[max] : new byte[max];
        int n = Encoding.UTF8.GetBytes(id, bytes);
        _idOffsets.Add((int)_idBytes.Length);
        _idBytes.Write(bytes[..n]);
        _idCount++;
    }

    /// <summary>
    /// The .ids payload: the ids' UTF-8 bytes, int32 offsets (one per doc and an end), int32 docs ordered by id bytes
    /// then doc (for lookups by id), then int32 maxDoc and int32 where the offsets start.
    /// </summary>
    private void WriteIds(int maxDoc)
    {
        long bytesStart = _ids.Position;
        var all = _idBytes.GetBuffer();
        _ids.WriteBytes(all.AsSpan(0, (int)_idBytes.Length));
        _idOffsets.Add((int)_idBytes.Length);
        long offsetsStart = _ids.Position;
        if (bytesStart + _idBytes.Length > int.MaxValue) throw new InvalidOperationException($"segment {_info.Name}: ids passed 2 GiB");
        var offsets = _idOffsets.Items;
        foreach (int o in _idOffsets.Span) _ids.WriteInt32((int)bytesStart + o);
        var order = new int[maxDoc];
        for (int d = 0; d < maxDoc; d++) order[d] = d;
        Array.Sort(order, (a, b) =>
        {
            int c = all.AsSpan(offsets[a], offsets[a + 1] - offsets[a]).SequenceCompareTo(all.AsSpan(offsets[b], offsets[b + 1] - offsets[b]));
            return c != 0 ? c : a.CompareTo(b);
        });
        foreach (int d in order) _ids.WriteInt32(d);
        _ids.WriteInt32(maxDoc);
        _ids.WriteInt32((int)offsetsStart);
    }

    public void SetNorms(int field, byte[] norms) => _norms.Add((field, norms));

    public void SetNumbers(int field, double[] values) => _numbers.Add((field, values));

    /// <summary>Completes and fsyncs every file, the .si last. Returns the segment's info.</summary>
    public SegmentInfo Finish()
    {
        int maxDoc = _info.MaxDoc;
        if (_tvDocs != maxDoc || _storedDocs != maxDoc || _idCount != maxDoc)
            throw new InvalidOperationException($"segment {_info.Name}: {maxDoc} docs declared but {_tvDocs} term vectors, {_storedDocs} stored, {_idCount} ids written");
        FlushStoredBlock();

        EndField();
        WriteTermsDirectory();
        WriteIds(maxDoc);

        // term vectors: int32 offsets (one per doc and an end) trailing the records, found through the last 8 bytes
        long tvIndex = _tv.Position;
        if (tvIndex > int.MaxValue) throw new InvalidOperationException($"segment {_info.Name}: term vectors passed 2 GiB");
        foreach (var o in _tvOffsets.Span) _tv.WriteInt32((int)o);
        _tv.WriteInt32((int)tvIndex);
        _tv.WriteInt64(tvIndex);

        long fdtIndex = _fdt.Position;
        _fdt.WriteVInt(_storedBlocks.Count);
        foreach (var (first, offset) in _storedBlocks) { _fdt.WriteVInt(first); _fdt.WriteVLong(offset); }
        _fdt.WriteInt64(fdtIndex);

        foreach (var o in _all) o.Complete();

        using (var nrm = Create("nrm"))
        {
            nrm.WriteVInt(maxDoc);
            nrm.WriteVInt(_norms.Count);
            foreach (var (f, norms) in _norms) { nrm.WriteVInt(f); nrm.WriteBytes(norms.AsSpan(0, maxDoc)); }
            nrm.Complete();
        }
        using (var num = Create("num"))
        {
            num.WriteVInt(maxDoc);
            num.WriteVInt(_numbers.Count);
            foreach (var (f, values) in _numbers)
            {
                num.WriteVInt(f);
                for (int i = 0; i < maxDoc; i++) num.WriteDouble(values[i]);
            }
            num.Complete();
        }
        using (var si = Create("si"))
        {
            si.WriteVInt(maxDoc);
            foreach (var ext in SegmentInfo.Extensions)
                if (ext != "si") si.WriteVLong(new FileInfo(_info.File(_directory, ext)).Length);
            si.Complete();
        }
        _finished = true;
        return _info;
    }

    /// <summary>
    /// The .tim directory, found through the last 4 payload bytes: per field its number, positions flag, term count,
    /// doc count, sum of freqs, where its records start, and its terms index (every <see cref="FieldTerms.IndexInterval"/>-th term).
    /// </summary>
    private void WriteTermsDirectory()
    {
        long start = _tim.Position;
        if (start > int.MaxValue) throw new InvalidOperationException($"segment {_info.Name}: the term dictionary passed 2 GiB");
        _tim.WriteVInt(_fieldEntries.Count);
        foreach (var f in _fieldEntries)
        {
            _tim.WriteVInt(f.Field);
            _tim.WriteByte(f.Positions ? (byte)1 : (byte)0);
            _tim.WriteVInt(f.TermCount);
            _tim.WriteVInt(f.DocCount);
            _tim.WriteVLong(f.SumTotalTermFreq);
            _tim.WriteVLong(f.RecordsStart);
            foreach (var t in f.IndexTerms) { _tim.WriteVInt(t.Length); _tim.WriteBytes(t); }
        }
        _tim.WriteInt32((int)start);
    }

    private void FlushStoredBlock()
    {
        if (_storedBlock.Length == 0) return;
        _storedBlocks.Add((_storedBlockFirstDoc, _fdt.Position));
        using var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            deflate.Write(_storedBlock.GetBuffer(), 0, (int)_storedBlock.Length);
        _fdt.WriteVInt((int)_storedBlock.Length);
        _fdt.WriteVInt((int)compressed.Length);
        _fdt.WriteBytes(compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        _storedBlock.SetLength(0);
    }

    public void Dispose()
    {
        if (_finished) return;
        foreach (var o in _all) o.Dispose();
        foreach (var ext in SegmentInfo.Extensions)
        {
            var path = _info.File(_directory, ext);
            if (File.Exists(path)) File.Delete(path);
        }
    }
}
