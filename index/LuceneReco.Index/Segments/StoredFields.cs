using System.Text;
using LuceneReco.Index.Documents;

namespace LuceneReco.Index.Segments;

/// <summary>Serialization of a document's stored string values: <c>vint count, (vint field, vint len, utf8)*</c>.</summary>
internal static class StoredFields
{
    /// <summary>Appends the stored values to <paramref name="buffer"/>.</summary>
    public static void Serialize(IReadOnlyList<(int Field, string Value)> values, MemoryStream buffer)
    {
        WriteVInt(buffer, values.Count);
        foreach (var (field, value) in values)
        {
            WriteVInt(buffer, field);
            var bytes = Encoding.UTF8.GetBytes(value);
            WriteVInt(buffer, bytes.Length);
            buffer.Write(bytes);
        }
    }

    /// <summary>Reads values serialized by <see cref="Serialize"/> into <paramref name="doc"/>.</summary>
    public static void Deserialize(ReadOnlySpan<byte> data, IndexSchema schema, Document doc, string file)
    {
        int p = 0;
        int count = ReadVInt(data, ref p, file);
        for (int i = 0; i < count; i++)
        {
            int field = ReadVInt(data, ref p, file);
            int len = ReadVInt(data, ref p, file);
            if (field >= schema.Fields.Count || len > data.Length - p)
                throw new Store.CorruptIndexException(file, -1, "stored document record is inconsistent");
            doc.Add(schema.Fields[field].Name, Encoding.UTF8.GetString(data.Slice(p, len)));
            p += len;
        }
    }

    internal static void WriteVInt(MemoryStream s, int value)
    {
        uint v = (uint)value;
        while (v >= 0x80) { s.WriteByte((byte)(v | 0x80)); v >>= 7; }
        s.WriteByte((byte)v);
    }

    internal static int ReadVInt(ReadOnlySpan<byte> data, ref int p, string file)
    {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            if (p >= data.Length) throw new Store.CorruptIndexException(file, -1, "stored record ends early");
            byte b = data[p++];
            result |= (b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        throw new Store.CorruptIndexException(file, -1, "bad variable-length integer in stored record");
    }
}
