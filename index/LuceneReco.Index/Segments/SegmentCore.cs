using System.IO.Compression;
using System.Text;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Store;

namespace LuceneReco.Index.Segments;

/// <summary>
/// The immutable contents of one segment, loaded into memory and verified (every file's checksum)
/// when opened. Shared by every reader that includes the segment; deletes live outside it.
/// </summary>
internal sealed class SegmentCore
{
    private readonly IndexSchema _schema;
    private readonly int[] _tvOffsets;
    private readonly int _tvEnd;
    private readonly byte[] _tv;
    private readonly byte[] _fdt;
    private readonly int[] _blockFirstDoc, _blockOffset;
    private readonly string _fdtName;
    private Dictionary<string, int>? _idToDoc;

    public static string CodecOf(string extension) => "Seg." + extension;

    public string Name { get; }
    public int MaxDoc { get; }
    public long Bytes { get; }
    public FieldTerms?[] Fields { get; }
    public byte[] DocData { get; }
    public byte[] PosData { get; }
    public byte[]?[] Norms { get; }
    public double[]?[] Numbers { get; }
    public string[] Ids { get; }

    private SegmentCore(string name, int maxDoc, long bytes, IndexSchema schema, FieldTerms?[] fields, byte[] doc, byte[] pos,
        byte[]?[] norms, double[]?[] numbers, string[] ids, byte[] tv, int[] tvOffsets, int tvEnd, byte[] fdt, int[] blockFirstDoc, int[] blockOffset, string fdtName)
    {
        Name = name; MaxDoc = maxDoc; Bytes = bytes; _schema = schema; Fields = fields; DocData = doc; PosData = pos;
        Norms = norms; Numbers = numbers; Ids = ids; _tv = tv; _tvOffsets = tvOffsets; _tvEnd = tvEnd; _fdt = fdt;
        _blockFirstDoc = blockFirstDoc; _blockOffset = blockOffset; _fdtName = fdtName;
    }

    /// <summary>The local doc of <paramref name="id"/> (deleted or not), or -1.</summary>
    public int DocOf(string id)
    {
        var map = _idToDoc ?? BuildIdMap();
        return map.TryGetValue(id, out int d) ? d : -1;
    }

    private Dictionary<string, int> BuildIdMap()
    {
        var map = new Dictionary<string, int>(Ids.Length, StringComparer.Ordinal);
        for (int i = 0; i < Ids.Length; i++) map[Ids[i]] = i; // a later duplicate (older one deleted) wins
        Interlocked.CompareExchange(ref _idToDoc, map, null);
        return _idToDoc!;
    }

    /// <summary>The term vector of <paramref name="doc"/> for <paramref name="field"/>: ordinals ascending and freqs.</summary>
    /// <exception cref="CorruptIndexException">The record is inconsistent (reads stay within the document's own record).</exception>
    public int TermVector(int doc, int field, ref int[] ords, ref int[] freqs)
    {
        int p = _tvOffsets[doc];
        int end = doc + 1 < _tvOffsets.Length ? _tvOffsets[doc + 1] : _tvEnd;
        int fields = Checked(ref p, end, doc);
        for (int f = 0; f < fields; f++)
        {
            int fieldNo = Checked(ref p, end, doc);
            int n = Checked(ref p, end, doc);
            if (n > end - p) throw TvCorrupt(doc, $"claims {n} terms in {end - p} bytes");
            if (fieldNo != field)
            {
                for (int i = 0; i < 2 * n; i++) Checked(ref p, end, doc);
                continue;
            }
            if (ords.Length < n) { ords = new int[n]; freqs = new int[n]; }
            int ord = 0;
            int termCount = Fields[field]?.Terms.Length ?? 0;
            for (int i = 0; i < n; i++)
            {
                ord += Checked(ref p, end, doc);
                ords[i] = ord;
                freqs[i] = Checked(ref p, end, doc);
                if ((uint)ord >= (uint)termCount || freqs[i] <= 0)
                    throw TvCorrupt(doc, $"names term {ord} of {termCount} (freq {freqs[i]})");
            }
            return n;
        }
        return 0;
    }

    private CorruptIndexException TvCorrupt(int doc, string what) => new(Name + ".tv", _tvOffsets[doc], $"term vector of document {doc} {what}");

    /// <summary>A variable-length int that must end before <paramref name="end"/>.</summary>
    private int Checked(ref int p, int end, int doc)
    {
        int result = 0;
        for (int shift = 0; shift < 32; shift += 7)
        {
            if (p >= end) throw TvCorrupt(doc, "runs past its record");
            byte b = _tv[p++];
            result |= (b & 0x7F) << shift;
            if (b < 0x80) return result < 0 ? throw TvCorrupt(doc, "holds a negative number") : result;
        }
        throw TvCorrupt(doc, "holds a malformed number");
    }

    /// <summary>The stored string values of <paramref name="doc"/> added to <paramref name="into"/>.</summary>
    public void ReadStored(int doc, Document into)
    {
        int block = Array.BinarySearch(_blockFirstDoc, doc);
        if (block < 0) block = ~block - 1;
        int p = _blockOffset[block];
        int raw = ReadVInt(_fdt, ref p), compressed = ReadVInt(_fdt, ref p);
        if (raw < 0 || raw > 1 << 30 || compressed < 0 || compressed > _fdt.Length - p)
            throw new CorruptIndexException(_fdtName, _blockOffset[block], $"stored block {block} has impossible lengths ({raw}, {compressed})");
        var data = new byte[raw];
        try
        {
            using var inflate = new DeflateStream(new MemoryStream(_fdt, p, compressed), CompressionMode.Decompress);
            inflate.ReadExactly(data);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new CorruptIndexException(_fdtName, _blockOffset[block], "stored block does not decompress", e);
        }
        int q = 0;
        for (int d = _blockFirstDoc[block]; d < doc; d++) { int skip = StoredFields.ReadVInt(data, ref q, _fdtName); q += skip; }
        int len = StoredFields.ReadVInt(data, ref q, _fdtName);
        if (len > data.Length - q) throw new CorruptIndexException(_fdtName, _blockOffset[block], $"stored record of document {doc} runs past its block");
        StoredFields.Deserialize(data.AsSpan(q, len), _schema, into, _fdtName);
        for (int f = 0; f < Numbers.Length; f++)
            if (Numbers[f] is { } values && !double.IsNaN(values[doc])) into.Add(_schema.Fields[f].Name, values[doc]);
    }

    /// <summary>The raw serialized stored record of <paramref name="doc"/> (for merges).</summary>
    public byte[] StoredRecord(int doc, ref (int Block, byte[] Data) cache)
    {
        int block = Array.BinarySearch(_blockFirstDoc, doc);
        if (block < 0) block = ~block - 1;
        if (cache.Block != block || cache.Data is null)
        {
            int p = _blockOffset[block];
            int raw = ReadVInt(_fdt, ref p), compressed = ReadVInt(_fdt, ref p);
            var data = new byte[raw];
            using (var inflate = new DeflateStream(new MemoryStream(_fdt, p, compressed), CompressionMode.Decompress))
                inflate.ReadExactly(data);
            cache = (block, data);
        }
        int q = 0;
        for (int d = _blockFirstDoc[block]; d < doc; d++) { int skip = StoredFields.ReadVInt(cache.Data, ref q, _fdtName); q += skip; }
        int len = StoredFields.ReadVInt(cache.Data, ref q, _fdtName);
        return cache.Data.AsSpan(q, len).ToArray();
    }

    /// <summary>
    /// Decodes every posting, position, term vector and stored record and checks them against the
    /// dictionary's statistics (as Lucene's CheckIndex does); throws <see cref="CorruptIndexException"/> naming the file.
    /// </summary>
    public void VerifyStructure()
    {
        foreach (var terms in Fields)
        {
            if (terms is null) continue;
            for (int t = 0; t < terms.Terms.Length; t++)
            {
                if (terms.DocStart[t] > terms.DocStart[t + 1] || terms.DocStart[t + 1] > DocData.Length)
                    throw new CorruptIndexException(Name + ".tim", -1, $"postings range of term '{terms.Terms[t]}' is out of order");
                var c = new PostingsCursor(DocData, terms, t);
                int df = 0, last = -1;
                long ttf = 0;
                int pos = (int)terms.PosStart[t];
                try
                {
                    while (c.NextDoc())
                    {
                        if (c.Doc <= last || c.Doc >= MaxDoc || c.Freq <= 0)
                            throw new CorruptIndexException(Name + ".doc", terms.DocStart[t], $"postings of '{terms.Terms[t]}' are out of order or range at doc {c.Doc}");
                        last = c.Doc;
                        df++;
                        ttf += c.Freq;
                        if (terms.HasPositions) for (int k = 0; k < c.Freq; k++) ReadVInt(PosData, ref pos);
                    }
                }
                catch (IndexOutOfRangeException e)
                {
                    throw new CorruptIndexException(Name + ".doc", terms.DocStart[t], $"postings of '{terms.Terms[t]}' run past the file", e);
                }
                if (df != terms.DocFreq[t] || ttf != terms.TotalTermFreq[t])
                    throw new CorruptIndexException(Name + ".doc", terms.DocStart[t], $"'{terms.Terms[t]}' has {df} postings / {ttf} occurrences, the dictionary says {terms.DocFreq[t]} / {terms.TotalTermFreq[t]}");
                if (terms.HasPositions && pos != terms.PosStart[t + 1])
                    throw new CorruptIndexException(Name + ".pos", terms.PosStart[t], $"positions of '{terms.Terms[t]}' do not end where the next term's begin");
            }
        }
        int[] ords = new int[64], freqs = new int[64];
        for (int d = 0; d < MaxDoc; d++)
        {
            try
            {
                for (int f = 0; f < Fields.Length; f++)
                    if (_schema.Fields[f].TermVectors) TermVector(d, f, ref ords, ref freqs);
            }
            catch (IndexOutOfRangeException e) { throw new CorruptIndexException(Name + ".tv", _tvOffsets[d], $"term vector of document {d} runs past the file", e); }
            ReadStored(d, new Document(Ids[d].Length > 0 ? Ids[d] : "?"));
        }
    }

    internal static int ReadVInt(byte[] data, ref int p)
    {
        int result = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = data[p++];
            result |= (b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
    }

    /// <summary>Loads and verifies the segment's files.</summary>
    public static SegmentCore Load(string directory, SegmentInfo info, IndexSchema schema)
    {
        IndexInput Open(string ext) => IndexInput.Open(info.File(directory, ext), CodecOf(ext));

        var si = Open("si");
        int maxDoc = si.ReadVInt();
        if (maxDoc != info.MaxDoc) throw si.Corrupt($"says {maxDoc} documents, the commit says {info.MaxDoc}");
        long bytes = new FileInfo(info.File(directory, "si")).Length;
        foreach (var ext in SegmentInfo.Extensions)
        {
            if (ext == "si") continue;
            long expected = si.ReadVLong();
            var fi = new FileInfo(info.File(directory, ext));
            if (!fi.Exists) throw new CorruptIndexException(fi.Name, -1, "the file is missing");
            if (fi.Length != expected) throw new CorruptIndexException(fi.Name, fi.Length, $"length {fi.Length} differs from the {expected} recorded in {info.Name}.si (truncated or replaced)");
            bytes += expected;
        }
        si.ExpectEnd();

        var fields = ReadTerms(Open("tim"), schema.Fields.Count);
        var doc = Open("doc");
        var pos = Open("pos");

        var nrm = Open("nrm");
        var norms = new byte[]?[schema.Fields.Count];
        if (nrm.ReadVInt() != maxDoc) throw nrm.Corrupt("document count mismatch");
        for (int n = nrm.ReadVInt(), i = 0; i < n; i++)
        {
            int f = FieldNumber(nrm, schema);
            norms[f] = nrm.ReadBytes(maxDoc).ToArray();
        }
        nrm.ExpectEnd();

        var num = Open("num");
        var numbers = new double[]?[schema.Fields.Count];
        if (num.ReadVInt() != maxDoc) throw num.Corrupt("document count mismatch");
        for (int n = num.ReadVInt(), i = 0; i < n; i++)
        {
            int f = FieldNumber(num, schema);
            var values = new double[maxDoc];
            for (int d = 0; d < maxDoc; d++) values[d] = num.ReadDouble();
            numbers[f] = values;
        }
        num.ExpectEnd();

        var idsIn = Open("ids");
        if (idsIn.ReadVInt() != maxDoc) throw idsIn.Corrupt("document count mismatch");
        var ids = new string[maxDoc];
        byte[] prev = new byte[256];
        int prevLen = 0;
        for (int d = 0; d < maxDoc; d++)
        {
            int prefix = idsIn.ReadVInt(), suffix = idsIn.ReadVInt();
            if (prefix > prevLen) throw idsIn.Corrupt("id prefix longer than the previous id");
            if (prev.Length < prefix + suffix) Array.Resize(ref prev, prefix + suffix);
            idsIn.ReadBytes(suffix).CopyTo(prev.AsSpan(prefix));
            prevLen = prefix + suffix;
            ids[d] = Encoding.UTF8.GetString(prev, 0, prevLen);
        }
        idsIn.ExpectEnd();

        var tv = Open("tv");
        int[] tvOffsets = ReadIndex(tv, maxDoc, out int tvEnd);

        var fdt = Open("fdt");
        int fdtIndex = (int)ReadTrailingInt64(fdt);
        fdt.Position = fdtIndex;
        int blocks = fdt.ReadVInt();
        if (blocks > maxDoc) throw fdt.Corrupt($"{blocks} stored blocks for {maxDoc} documents");
        var firstDoc = new int[blocks];
        var offsets = new int[blocks];
        for (int b = 0; b < blocks; b++)
        {
            firstDoc[b] = fdt.ReadVInt();
            long offset = fdt.ReadVLong();
            bool ordered = b == 0 ? firstDoc[0] == 0 && offset >= fdt.PayloadStart : firstDoc[b] > firstDoc[b - 1] && offset > offsets[b - 1];
            if (!ordered || firstDoc[b] >= maxDoc || offset >= fdtIndex) throw fdt.Corrupt($"stored block index entry {b} is out of order or range");
            offsets[b] = (int)offset;
        }
        if (blocks == 0 && maxDoc > 0) throw fdt.Corrupt("no stored blocks for a non-empty segment");

        return new SegmentCore(info.Name, maxDoc, bytes, schema, fields, doc.Data, pos.Data, norms, numbers, ids,
            tv.Data, tvOffsets, tvEnd, fdt.Data, firstDoc, offsets, fdt.Name);
    }

    private static int FieldNumber(IndexInput input, IndexSchema schema)
    {
        int f = input.ReadVInt();
        if (f >= schema.Fields.Count) throw input.Corrupt($"field number {f} is not in the schema");
        return f;
    }

    private static long ReadTrailingInt64(IndexInput input)
    {
        input.Position = input.End - 8;
        long at = input.ReadInt64();
        if (at < input.PayloadStart || at > input.End - 8) throw input.Corrupt($"index pointer {at} out of range");
        return at;
    }

    /// <summary>Reads the per-doc offsets trailing a file; each must lie in the data before the index, ascending.</summary>
    private static int[] ReadIndex(IndexInput input, int maxDoc, out int indexStart)
    {
        indexStart = (int)ReadTrailingInt64(input);
        input.Position = indexStart;
        var offsets = new int[maxDoc];
        long o = 0;
        for (int d = 0; d < maxDoc; d++)
        {
            long delta = input.ReadVLong();
            o += delta;
            if ((d > 0 && delta == 0) || o < input.PayloadStart || o >= indexStart) throw input.Corrupt($"offset of document {d} is out of order or range");
            offsets[d] = (int)o;
        }
        return offsets;
    }

    private static FieldTerms?[] ReadTerms(IndexInput tim, int fieldCount)
    {
        var fields = new FieldTerms?[fieldCount];
        int end = tim.End;
        tim.Position = end - 4;
        int count = tim.ReadInt32();
        tim.Position = tim.PayloadStart;
        byte[] term = new byte[256];
        for (int i = 0; i < count; i++)
        {
            int field = tim.ReadVInt();
            if (field >= fieldCount || fields[field] is not null) throw tim.Corrupt($"bad field number {field}");
            bool positions = tim.ReadByte() == 1;
            int n = tim.ReadVInt(), docCount = tim.ReadVInt();
            long sumTtf = tim.ReadVLong(), docPtr = tim.ReadVLong(), posPtr = tim.ReadVLong();
            var terms = new string[n];
            var df = new int[n];
            var ttf = new long[n];
            var docStart = new long[n + 1];
            var posStart = new long[n + 1];
            var maxFreq = new int[n];
            var minNorm = new byte[n];
            int termLen = 0;
            for (int t = 0; t < n; t++)
            {
                int prefix = tim.ReadVInt(), suffix = tim.ReadVInt();
                if (prefix > termLen) throw tim.Corrupt("term prefix longer than the previous term");
                if (term.Length < prefix + suffix) Array.Resize(ref term, Math.Max(prefix + suffix, term.Length * 2));
                tim.ReadBytes(suffix).CopyTo(term.AsSpan(prefix));
                termLen = prefix + suffix;
                terms[t] = Encoding.UTF8.GetString(term, 0, termLen);
                df[t] = tim.ReadVInt();
                ttf[t] = positions ? df[t] + tim.ReadVLong() : df[t];
                docStart[t] = docPtr;
                docPtr += tim.ReadVLong();
                posStart[t] = posPtr;
                if (positions) posPtr += tim.ReadVLong();
                maxFreq[t] = tim.ReadVInt();
                minNorm[t] = tim.ReadByte();
            }
            docStart[n] = docPtr;
            posStart[n] = posPtr;
            fields[field] = new FieldTerms(field, positions, terms, df, ttf, docStart, posStart, docCount, sumTtf) { MaxFreq = maxFreq, MinNorm = minNorm };
        }
        if (tim.ReadVInt() != count) throw tim.Corrupt("field count mismatch");
        return fields;
    }
}
