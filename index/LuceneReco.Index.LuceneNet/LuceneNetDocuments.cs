using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using OurDocument = LuceneReco.Index.Documents.Document;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace LuceneReco.Index.LuceneNet;

/// <summary>
/// Our documents as Lucene.Net documents and back. Text fields are indexed with frequencies and positions (and term
/// vectors when the schema keeps them), keyword fields as exact terms without norms, numbers as trie-encoded numeric
/// fields plus a numeric doc value (so a number can be read per document), stored-only fields as stored fields.
/// </summary>
internal static class LuceneNetDocuments
{
    private static readonly FieldType TextWithVectors = Text(vectors: true, stored: true);
    private static readonly FieldType TextWithVectorsUnstored = Text(vectors: true, stored: false);
    private static readonly FieldType TextStored = Text(vectors: false, stored: true);
    private static readonly FieldType TextUnstored = Text(vectors: false, stored: false);

    private static FieldType Text(bool vectors, bool stored)
    {
        var t = new FieldType
        {
            IsIndexed = true,
            IsTokenized = true,
            IsStored = stored,
            StoreTermVectors = vectors,
            IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS,
        };
        t.Freeze();
        return t;
    }

    /// <summary>The Lucene.Net document of <paramref name="document"/>; throws <see cref="ArgumentException"/> naming every field the schema does not know.</summary>
    public static LuceneDocument ToLucene(OurDocument document, LuceneNetSchema schema)
    {
        var doc = new LuceneDocument { new StringField(schema.IdField, document.Id, Field.Store.YES) };
        var errors = new List<string>();
        foreach (var (name, value) in document.Strings)
        {
            var f = schema.Find(name);
            switch (f?.Kind)
            {
                case "text":
                    doc.Add(new Field(name, value, f.TermVectors ? f.Stored ? TextWithVectors : TextWithVectorsUnstored : f.Stored ? TextStored : TextUnstored));
                    break;
                case "keyword":
                    doc.Add(new StringField(name, value, f.Stored ? Field.Store.YES : Field.Store.NO));
                    break;
                case "stored":
                    doc.Add(new StoredField(name, value));
                    break;
                case "numeric":
                    errors.Add($"field '{name}' is numeric; got the text '{value}'");
                    break;
                default:
                    errors.Add($"field '{name}' is not in the schema");
                    break;
            }
        }
        foreach (var (name, value) in document.Numbers)
        {
            var f = schema.Find(name);
            if (f?.Kind != "numeric") { errors.Add(f is null ? $"field '{name}' is not in the schema" : $"field '{name}' is not numeric"); continue; }
            var store = f.Stored ? Field.Store.YES : Field.Store.NO;
            switch (f.NumericTypeName)
            {
                case "int": doc.Add(new Int32Field(name, checked((int)value), store)); doc.Add(new NumericDocValuesField(name, (long)value)); break;
                case "long": doc.Add(new Int64Field(name, checked((long)value), store)); doc.Add(new NumericDocValuesField(name, (long)value)); break;
                case "float": doc.Add(new SingleField(name, (float)value, store)); doc.Add(new SingleDocValuesField(name, (float)value)); break;
                default: doc.Add(new DoubleField(name, value, store)); doc.Add(new DoubleDocValuesField(name, value)); break;
            }
        }
        if (errors.Count > 0) throw new ArgumentException($"Document '{document.Id}': " + string.Join("; ", errors));
        return doc;
    }

    /// <summary>Our document of a stored Lucene.Net document: its id, stored values of the schema's fields in stored order (others ignored).</summary>
    public static OurDocument FromLucene(LuceneDocument stored, LuceneNetSchema schema, int doc)
    {
        string id = stored.Get(schema.IdField) ?? throw new InvalidDataException($"Document {doc.ToString(CultureInfo.InvariantCulture)} has no stored id field '{schema.IdField}'.");
        var result = new OurDocument(id);
        foreach (var field in stored.Fields)
        {
            if (field.Name == schema.IdField || schema.Find(field.Name) is not { } f) continue;
            if (f.Kind == "numeric")
            {
                if (field.GetDoubleValue() is double d && double.IsFinite(d)) result.Add(field.Name, d);
            }
            else if (field.GetStringValue() is { } s) result.Add(field.Name, s);
        }
        return result;
    }

    /// <summary>The numeric doc value <paramref name="raw"/> of a field of type <paramref name="numericType"/> as a number.</summary>
    public static double Decode(long raw, string numericType) => numericType switch
    {
        "double" => BitConverter.Int64BitsToDouble(raw),
        "float" => BitConverter.Int32BitsToSingle((int)raw),
        _ => raw,
    };
}
