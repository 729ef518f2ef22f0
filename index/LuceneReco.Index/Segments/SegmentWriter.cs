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
    private byte[] _prevTerm = new byte[64];
    private int _prevTermLength;
    private byte[] _prevId = new byte[64];
    private int _prevIdLength;
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
        _ids.WriteVInt(maxDoc);
    }

    public SegmentInfo Info => _info;

    private IndexOutput Create(string ext) => new(_info.File(_directory, ext), SegmentCore.CodecOf(ext));

    // ---- terms and postings -------------------------------------------------------------------


    /// <summary>Starts the terms of a field. Fields come in increasing field number.</summary>
    /// <param name="norms">The field's norm byte per document, or null for a field without norms; used for each term's score bound.</param>
    public void BeginField(int fieldNumber, bool positions, int termCount, int docCount, long sumTotalTermFreq, byte[]? norms)
    {
        _fieldNorms = norms;
        _fieldsWritten++;
        _tim.WriteVInt(fieldNumber);
        _tim.WriteByte(positions ? (byte)1 : (byte)0);
        _tim.WriteVInt(termCount);
        _tim.WriteVInt(docCount);
        _tim.WriteVLong(sumTotalTermFreq);
        _tim.WriteVLong(_doc.Position);
        _tim.WriteVLong(_pos.Position);
        _prevTermLength = 0;
    }

    private byte[]? _fieldNorms;

    /// <summary>Number of fields whose terms were written; <see cref="Finish"/> appends it to .tim.</summary>
    private int _fieldsWritten;

    /// <summary>Adds the next term (in ordinal order) of the current field.</summary>
    /// <param name="positions">Absolute positions, freqs[i] of them per document, concatenated; empty for fields without positions.</param>
    public void AddTerm(string term, ReadOnlySpan<int> docs, ReadOnlySpan<int> freqs, ReadOnlySpan<int> positions, bool hasPositions)
    {
        // term bytes, prefix-compressed against the previous term
        int max = Encoding.UTF8.GetMaxByteCount(term.Length);
        Span<byte> bytes = max <= 1024 ? stackalloc byte[max] : new byte[max];
        int n = Encoding.UTF8.GetBytes(term, bytes);
        bytes = bytes[..n];
        int prefix = bytes.CommonPrefixLength(_prevTerm.AsSpan(0, _prevTermLength));
        _tim.WriteVInt(prefix);
        _tim.WriteVInt(n - prefix);
        _tim.WriteBytes(bytes[prefix..]);
        if (_prevTerm.Length < n) _prevTerm = new byte[Math.Max(n, _prevTerm.Length * 2)];
        bytes.CopyTo(_prevTerm);
        _prevTermLength = n;

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
        _tim.WriteVInt(docs.Length);
        if (hasPositions) _tim.WriteVLong(ttf - docs.Length);
        _tim.WriteVLong(_doc.Position - docStart);
        if (hasPositions) _tim.WriteVLong(_pos.Position - posStart);
        _tim.WriteVInt(maxFreq);   // with minNorm: the best (freq, length) any doc can have, a score upper bound
        _tim.WriteByte(minNorm);
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
        if (_prevId.Length < max) Array.Resize(ref _prevId, Math.Max(max, _prevId.Length * 2));
        Span<byte> bytes = stackalloc byte[max];
        int n = Encoding.UTF8.GetBytes(id, bytes);
        int prefix = bytes[..n].CommonPrefixLength(_prevId.AsSpan(0, _prevIdLength));
        _ids.WriteVInt(prefix);
        _ids.WriteVInt(n - prefix);
        _ids.WriteBytes(bytes[prefix..n]);
        bytes[..n].CopyTo(_prevId);
        _prevIdLength = n;
        _idCount++;
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

        _tim.WriteVInt(_fieldsWritten); // the field count trails the fields (read from the back)
        _tim.WriteInt32(_fieldsWritten);

        long tvIndex = _tv.Position;
        long lastOffset = 0;
        foreach (var o in _tvOffsets.Span) { _tv.WriteVLong(o - lastOffset); lastOffset = o; }
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
