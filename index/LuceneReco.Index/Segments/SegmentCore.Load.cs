using System.Buffers.Binary;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Store;

namespace LuceneReco.Index.Segments;

internal sealed partial class SegmentCore
{
    /// <summary>
    /// Maps the segment's files and checks what opening can check cheaply: every file's header, footer, chunk table and
    /// length (against the .si), the small files', norms' and numbers' checksums whole, and the directories the
    /// reader keeps (term dictionary directory and terms index, stored-block index, id and term-vector tables' extents).
    /// </summary>
    /// <exception cref="CorruptIndexException">A file is missing or damaged where checked (the exception names it).</exception>
    public static SegmentCore Load(string directory, SegmentInfo info, IndexSchema schema)
    {
        var si = IndexInput.Open(info.File(directory, "si"), CodecOf("si"));
        int maxDoc = si.ReadVInt();
        if (maxDoc != info.MaxDoc) throw si.Corrupt($"says {maxDoc} documents, the commit says {info.MaxDoc}");
        var siFile = new FileInfo(info.File(directory, "si"));
        if (!siFile.Exists) throw CorruptIndexException.Missing(siFile.Name); // removed since it was read (merged away)
        long bytes = siFile.Length;
        foreach (var ext in SegmentInfo.Extensions)
        {
            if (ext == "si") continue;
            long expected = si.ReadVLong();
            var fi = new FileInfo(info.File(directory, ext));
            if (!fi.Exists) throw CorruptIndexException.Missing(fi.Name);
            if (fi.Length != expected) throw new CorruptIndexException(fi.Name, fi.Length, $"length {fi.Length} differs from the {expected} recorded in {info.Name}.si (truncated or replaced)");
            bytes += expected;
        }
        si.ExpectEnd();

        var files = new List<MappedFile>(8);
        MappedFile Map(string ext, bool whole = false)
        {
            var f = MappedFile.Open(info.File(directory, ext), CodecOf(ext), whole);
            files.Add(f);
            return f;
        }
        try
        {
            var tim = Map("tim");
            var fields = ReadTerms(tim, schema.Fields.Count);
            var doc = Map("doc");
            var pos = Map("pos");
            var tv = Map("tv");
            var fdt = Map("fdt");
            var ids = Map("ids");

            var nrm = IndexInput.Over(Map("nrm", whole: true));
            var norms = new ByteColumn?[schema.Fields.Count];
            if (nrm.ReadVInt() != maxDoc) throw nrm.Corrupt("document count mismatch");
            for (int n = nrm.ReadVInt(), i = 0; i < n; i++)
            {
                int f = FieldNumber(nrm, schema);
                norms[f] = new ByteColumn(files[^1], nrm.Position, maxDoc);
                nrm.ReadBytes(maxDoc);
            }
            nrm.ExpectEnd();

            var num = IndexInput.Over(Map("num", whole: true));
            var numbers = new DoubleColumn?[schema.Fields.Count];
            if (num.ReadVInt() != maxDoc) throw num.Corrupt("document count mismatch");
            for (int n = num.ReadVInt(), i = 0; i < n; i++)
            {
                int f = FieldNumber(num, schema);
                if ((long)maxDoc * 8 > num.End - num.Position) throw num.Corrupt($"numbers of field {f} run past the payload");
                numbers[f] = new DoubleColumn(files[^1], num.Position, maxDoc);
                num.Position += maxDoc * 8;
            }
            num.ExpectEnd();

            // ids: bytes, offsets[maxDoc + 1], order[maxDoc], int32 maxDoc, int32 offsetsStart
            var idsIn = IndexInput.Over(ids);
            idsIn.Position = idsIn.End - 8;
            int idCount = idsIn.ReadInt32(), idOffsets = idsIn.ReadInt32();
            if (idCount != maxDoc) throw idsIn.Corrupt("document count mismatch");
            if (idOffsets < ids.PayloadStart || (long)idOffsets + 4L * (2L * maxDoc + 1) != ids.End - 8)
                throw idsIn.Corrupt($"the id tables at {idOffsets} do not fit the payload");

            // term vectors: records, offsets[maxDoc + 1], int64 offsetsStart
            int tvIndex = (int)ReadTrailingInt64(IndexInput.Over(tv));
            if ((long)tvIndex + 4L * (maxDoc + 1) != tv.End - 8)
                throw new CorruptIndexException(tv.Name, tvIndex, $"the offsets table does not fit the payload ({maxDoc} documents)");

            var fdtIn = IndexInput.Over(fdt);
            int fdtIndex = (int)ReadTrailingInt64(fdtIn);
            fdtIn.Position = fdtIndex;
            int blocks = fdtIn.ReadVInt();
            if (blocks > maxDoc) throw fdtIn.Corrupt($"{blocks} stored blocks for {maxDoc} documents");
            var firstDoc = new int[blocks];
            var offsets = new int[blocks + 1];
            for (int b = 0; b < blocks; b++)
            {
                firstDoc[b] = fdtIn.ReadVInt();
                long offset = fdtIn.ReadVLong();
                bool ordered = b == 0 ? firstDoc[0] == 0 && offset >= fdtIn.PayloadStart : firstDoc[b] > firstDoc[b - 1] && offset > offsets[b - 1];
                if (!ordered || firstDoc[b] >= maxDoc || offset >= fdtIndex) throw fdtIn.Corrupt($"stored block index entry {b} is out of order or range");
                offsets[b] = (int)offset;
            }
            offsets[blocks] = fdtIndex;
            if (blocks == 0 && maxDoc > 0) throw fdtIn.Corrupt("no stored blocks for a non-empty segment");

            MappedFile[] all = [tim, doc, pos, tv, fdt, ids, files[^2], files[^1]];
            return new SegmentCore(info.Name, maxDoc, bytes, schema, all, fields, norms, numbers, tvIndex, firstDoc, offsets,
                idOffsets, idOffsets + 4 * (maxDoc + 1));
        }
        catch
        {
            foreach (var f in files) f.Dispose();
            throw;
        }
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

    /// <summary>Reads the .tim directory (found through its last 4 payload bytes) and each field's terms index.</summary>
    private static FieldTerms?[] ReadTerms(MappedFile file, int fieldCount)
    {
        var fields = new FieldTerms?[fieldCount];
        var tim = IndexInput.Over(file);
        tim.Position = tim.End - 4;
        int directory = tim.ReadInt32();
        if (directory < tim.PayloadStart || directory > tim.End - 4) throw tim.Corrupt($"directory pointer {directory} out of range");
        tim.Position = directory;
        int count = tim.ReadVInt();
        for (int i = 0; i < count; i++)
        {
            int field = tim.ReadVInt();
            if (field >= fieldCount || fields[field] is not null) throw tim.Corrupt($"bad field number {field}");
            bool positions = tim.ReadByte() == 1;
            int n = tim.ReadVInt(), docCount = tim.ReadVInt();
            long sumTtf = tim.ReadVLong(), records = tim.ReadVLong();
            if (records < tim.PayloadStart || records + (n + 1L) * FieldTerms.RecordBytes > directory)
                throw tim.Corrupt($"the records of field {field} lie outside the dictionary");
            int indexCount = (n + FieldTerms.IndexInterval - 1) / FieldTerms.IndexInterval;
            var starts = new int[indexCount + 1];
            using var blob = new MemoryStream();
            for (int k = 0; k < indexCount; k++)
            {
                starts[k] = (int)blob.Length;
                blob.Write(tim.ReadBytes(tim.ReadVInt()));
            }
            starts[indexCount] = (int)blob.Length;
            fields[field] = new FieldTerms(file, field, positions, n, docCount, sumTtf, (int)records, blob.ToArray(), starts);
        }
        if (tim.Position != tim.End - 4) throw tim.Corrupt($"{tim.End - 4 - tim.Position} unexpected bytes after the directory");
        return fields;
    }

    /// <summary>
    /// Decodes every term, posting, position, term vector, id and stored record and checks them against the
    /// dictionary's statistics and each other (as Lucene's CheckIndex does); throws <see cref="CorruptIndexException"/> naming the file.
    /// </summary>
    public void VerifyStructure()
    {
        foreach (var terms in Fields)
        {
            if (terms is null) continue;
            for (int t = 0; t < terms.Count; t++)
            {
                string term = terms.Term(t);
                if (t > 0 && FieldTerms.CompareUtf16Order(terms.TermBytes(t - 1), terms.TermBytes(t)) >= 0)
                    throw new CorruptIndexException(Name + ".tim", -1, $"term '{term}' of field {terms.Field} is out of order");
                var c = new PostingsCursor(DocData, terms, t);
                int df = 0, last = -1;
                long ttf = 0;
                int pos = terms.HasPositions ? PositionsStart(terms, t) : 0;
                while (c.NextDoc())
                {
                    if (c.Doc <= last || c.Doc >= MaxDoc || c.Freq <= 0)
                        throw new CorruptIndexException(Name + ".doc", terms.DocStart(t), $"postings of '{term}' are out of order or range at doc {c.Doc}");
                    last = c.Doc;
                    df++;
                    ttf += c.Freq;
                    if (terms.HasPositions) for (int k = 0; k < c.Freq; k++) ReadVInt(PosData, ref pos);
                }
                if (df != terms.DocFreq(t) || ttf != terms.TotalTermFreq(t))
                    throw new CorruptIndexException(Name + ".doc", terms.DocStart(t), $"'{term}' has {df} postings / {ttf} occurrences, the dictionary says {terms.DocFreq(t)} / {terms.TotalTermFreq(t)}");
                if (terms.HasPositions && pos != terms.PosStart(t + 1))
                    throw new CorruptIndexException(Name + ".pos", terms.PosStart(t), $"positions of '{term}' do not end where the next term's begin");
            }
        }
        int[] ords = new int[64], freqs = new int[64];
        var seen = new bool[MaxDoc];
        for (int i = 0; i < MaxDoc; i++)
        {
            int d = IdOrder(i);
            if (seen[d]) throw new CorruptIndexException(_ids.Name, _idOrder + 4 * i, $"the id table names document {d} twice");
            seen[d] = true;
            if (i > 0)
            {
                int prev = IdOrder(i - 1), c = IdBytes(prev).SequenceCompareTo(IdBytes(d));
                if (c > 0 || (c == 0 && prev > d)) throw new CorruptIndexException(_ids.Name, _idOrder + 4 * i, "the id table is out of order");
            }
        }
        for (int d = 0; d < MaxDoc; d++)
        {
            for (int f = 0; f < Fields.Length; f++)
                if (_schema.Fields[f].TermVectors) TermVector(d, f, ref ords, ref freqs);
            string id = IdOf(d);
            ReadStored(d, new Document(id.Length > 0 ? id : "?"));
        }
    }
}
