using LuceneReco.Index.Analysis;
using LuceneReco.Index.Documents;

namespace LuceneReco.Index.Segments;

/// <summary>
/// Documents added since the last flush, inverted in memory (one <see cref="FieldBuffer"/> per indexed
/// field), with their ids, stored values and numbers. <see cref="Flush"/> writes them as a segment.
/// </summary>
internal sealed class DocumentsBuffer
{
    private readonly IndexSchema _schema;
    private readonly Analyzer?[] _analyzers;
    private readonly FieldBuffer?[] _fields;
    private readonly List<string> _ids = new();
    private readonly Dictionary<string, int> _idToDoc = new(StringComparer.Ordinal);
    private readonly MemoryStream _stored = new();
    private GrowableArray<int> _storedStart = new(256);
    private readonly List<double>?[] _numbers;
    private readonly List<int> _deleted = new();
    private readonly List<string>[] _values;
    private readonly List<(int, string)> _storedValues = new();

    public DocumentsBuffer(IndexSchema schema)
    {
        _schema = schema;
        int n = schema.Fields.Count;
        _analyzers = new Analyzer?[n];
        _fields = new FieldBuffer?[n];
        _numbers = new List<double>?[n];
        _values = new List<string>[n];
        for (int f = 0; f < n; f++)
        {
            var def = schema.Fields[f];
            _values[f] = new List<string>();
            switch (def.Kind)
            {
                case FieldKind.Text:
                    _analyzers[f] = Analyzers.ByName(def.Analyzer);
                    _fields[f] = new FieldBuffer(f, positions: true);
                    break;
                case FieldKind.Keyword:
                    _fields[f] = new FieldBuffer(f, positions: false);
                    break;
                case FieldKind.Numeric:
                    _numbers[f] = new List<double>();
                    break;
            }
        }
        _storedStart.Add(0);
    }

    public int Count => _ids.Count;

    public int LiveCount => _ids.Count - _deleted.Count;

    public long EstimatedBytes
    {
        get
        {
            long bytes = _stored.Length + _ids.Count * 96L;
            foreach (var f in _fields) if (f is not null) bytes += f.EstimatedBytes;
            foreach (var n in _numbers) if (n is not null) bytes += n.Count * 8L;
            return bytes;
        }
    }

    /// <summary>The buffered doc of <paramref name="id"/> if it is live, else -1.</summary>
    public int DocOf(string id) => _idToDoc.TryGetValue(id, out int d) ? d : -1;

    /// <summary>Deletes buffered doc <paramref name="doc"/> (found by <see cref="DocOf"/>).</summary>
    public void Delete(int doc)
    {
        _idToDoc.Remove(_ids[doc]);
        _deleted.Add(doc);
    }

    /// <summary>Buffered live docs whose keyword field has the value.</summary>
    public List<int> DocsWithKeyword(int field, string value)
    {
        var result = new List<int>();
        var fb = _fields[field];
        if (fb is null) return result;
        int term = -1;
        for (int t = 0; t < fb.TermCount; t++) if (fb.Terms[t] == value) { term = t; break; }
        if (term < 0) return result;
        var starts = fb.DocEntryStart;
        var terms = fb.EntryTerms;
        for (int d = 0; d < _ids.Count; d++)
        {
            if (!_idToDoc.TryGetValue(_ids[d], out int live) || live != d) continue;
            for (int e = starts[d]; e < starts[d + 1]; e++) if (terms[e] == term) { result.Add(d); break; }
        }
        return result;
    }

    /// <summary>Inverts and buffers <paramref name="doc"/>; the caller has checked the id is not live.</summary>
    public void Add(Document doc)
    {
        foreach (var list in _values) list.Clear();
        _storedValues.Clear();
        foreach (var (name, value) in doc.Strings)
        {
            var def = _schema.Find(name) ?? throw UnknownField(doc, name);
            if (def.Kind == FieldKind.Numeric)
                throw new ArgumentException($"Document '{doc.Id}': field '{name}' is numeric but got text '{value}'.", nameof(doc));
            int f = FieldIndex(def);
            _values[f].Add(value);
            if (def.Stored) _storedValues.Add((f, value));
        }
        var numbers = doc.Numbers;
        foreach (var (name, _) in numbers)
        {
            var def = _schema.Find(name) ?? throw UnknownField(doc, name);
            if (def.Kind != FieldKind.Numeric)
                throw new ArgumentException($"Document '{doc.Id}': field '{name}' is {def.Kind.ToString().ToLowerInvariant()}, not numeric.", nameof(doc));
        }

        for (int f = 0; f < _fields.Length; f++)
        {
            var fb = _fields[f];
            if (fb is null) continue;
            if (_values[f].Count == 0) fb.AddMissing();
            else if (_analyzers[f] is { } a) fb.AddText(a, _values[f]);
            else fb.AddKeywords(_values[f]);
        }
        for (int f = 0; f < _numbers.Length; f++)
        {
            if (_numbers[f] is not { } list) continue;
            double v = double.NaN;
            foreach (var (name, value) in numbers) if (name == _schema.Fields[f].Name) { v = value; break; }
            list.Add(v);
        }
        StoredFields.Serialize(_storedValues, _stored);
        _storedStart.Add((int)_stored.Length);
        _idToDoc[doc.Id] = _ids.Count;
        _ids.Add(doc.Id);
    }

    private int FieldIndex(FieldDefinition def)
    {
        for (int i = 0; i < _schema.Fields.Count; i++) if (ReferenceEquals(_schema.Fields[i], def)) return i;
        throw new InvalidOperationException("field not in schema");
    }

    private static ArgumentException UnknownField(Document doc, string name) =>
        new($"Document '{doc.Id}': field '{name}' is not in the index schema.", nameof(doc));

    /// <summary>Writes the buffer as segment <paramref name="name"/>; returns its info and the docs deleted while buffered.</summary>
    public (SegmentInfo Info, IReadOnlyList<int> Deleted) Flush(string directory, string name)
    {
        int maxDoc = _ids.Count;
        using var writer = new SegmentWriter(directory, name, maxDoc);
        var ordOfTerm = new int[_fields.Length][];
        for (int f = 0; f < _fields.Length; f++)
        {
            var fb = _fields[f];
            if (fb is null || fb.TermCount == 0) continue;
            ordOfTerm[f] = WritePostings(writer, fb);
            if (fb.HasPositions) writer.SetNorms(f, fb.Norms.ToArray());
        }
        WriteTermVectors(writer, ordOfTerm, maxDoc);
        var stored = _stored.GetBuffer();
        var storedStart = _storedStart.Span;
        for (int d = 0; d < maxDoc; d++)
        {
            writer.AddStored(stored.AsSpan(storedStart[d], storedStart[d + 1] - storedStart[d]));
            writer.AddId(_ids[d]);
        }
        for (int f = 0; f < _numbers.Length; f++)
            if (_numbers[f] is { } list) writer.SetNumbers(f, list.ToArray());
        return (writer.Finish(), _deleted);
    }

    private static int[] WritePostings(SegmentWriter writer, FieldBuffer fb)
    {
        int n = fb.TermCount;
        var sorted = new int[n];
        for (int i = 0; i < n; i++) sorted[i] = i;
        var terms = fb.Terms;
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(terms[a], terms[b]));
        var ord = new int[n];
        for (int i = 0; i < n; i++) ord[sorted[i]] = i;

        // stable counting sort of entries by term: postings come out in doc order
        var entryTerms = fb.EntryTerms;
        var starts = new int[n + 1];
        foreach (int t in entryTerms) starts[t + 1]++;
        for (int t = 0; t < n; t++) starts[t + 1] += starts[t];
        var fill = (int[])starts.Clone();
        var byTerm = new int[entryTerms.Length];
        var docOfEntry = new int[entryTerms.Length];
        var docStarts = fb.DocEntryStart;
        for (int d = 0; d + 1 < docStarts.Length; d++)
            for (int e = docStarts[d]; e < docStarts[d + 1]; e++) docOfEntry[e] = d;
        for (int e = 0; e < entryTerms.Length; e++) byTerm[fill[entryTerms[e]]++] = e;

        writer.BeginField(fb.FieldNumber, fb.HasPositions, n, fb.DocCount, fb.SumTotalTermFreq, fb.HasPositions ? fb.Norms.ToArray() : null);
        var docs = new GrowableArray<int>(64);
        var freqs = new GrowableArray<int>(64);
        var positions = new GrowableArray<int>(256);
        var entryFreqs = fb.EntryFreqs;
        var entryPos = fb.EntryPositionStarts;
        var allPositions = fb.Positions;
        foreach (int t in sorted)
        {
            docs.Clear(); freqs.Clear(); positions.Clear();
            for (int i = starts[t]; i < starts[t + 1]; i++)
            {
                int e = byTerm[i];
                docs.Add(docOfEntry[e]);
                freqs.Add(entryFreqs[e]);
                if (fb.HasPositions)
                    foreach (int p in allPositions.Slice(entryPos[e], entryFreqs[e])) positions.Add(p);
            }
            writer.AddTerm(terms[t], docs.Span, freqs.Span, positions.Span, fb.HasPositions);
        }
        return ord;
    }

    private void WriteTermVectors(SegmentWriter writer, int[][] ordOfTerm, int maxDoc)
    {
        var tvFields = new List<int>();
        for (int f = 0; f < _fields.Length; f++)
            if (_fields[f] is not null && _schema.Fields[f].TermVectors && ordOfTerm[f] is not null) tvFields.Add(f);
        var scratch = new (int Field, int[] Ords, int[] Freqs, int Count)[tvFields.Count];
        for (int i = 0; i < scratch.Length; i++) scratch[i] = (tvFields[i], new int[64], new int[64], 0);
        for (int d = 0; d < maxDoc; d++)
        {
            int used = 0;
            foreach (int f in tvFields)
            {
                var fb = _fields[f]!;
                int from = fb.DocEntryStart[d], to = fb.DocEntryStart[d + 1];
                if (to == from) continue;
                ref var slot = ref scratch[used++];
                int n = to - from;
                if (slot.Ords.Length < n) { slot.Ords = new int[n * 2]; slot.Freqs = new int[n * 2]; }
                slot.Field = f;
                slot.Count = n;
                var ord = ordOfTerm[f];
                for (int i = 0; i < n; i++) { slot.Ords[i] = ord[fb.EntryTerms[from + i]]; slot.Freqs[i] = fb.EntryFreqs[from + i]; }
                Array.Sort(slot.Ords, slot.Freqs, 0, n);
            }
            writer.AddTermVectors(scratch.AsSpan(0, used));
        }
    }
}
