using System.Buffers.Binary;
using LuceneReco.Index.Store;

namespace LuceneReco.Index.Segments;

/// <summary>One byte per document (a field's norms) in a mapped file that was checksummed whole at open.</summary>
internal sealed unsafe class ByteColumn(MappedFile file, int start, int length)
{
    public int Length => length;

    public byte this[int doc] => (uint)doc < (uint)length ? file.Pointer[start + doc] : throw new ArgumentOutOfRangeException(nameof(doc), doc, $"doc must be 0 to {length - 1}");
}

/// <summary>One double per document (a numeric field, NaN when missing) in a mapped file that was checksummed whole at open.</summary>
internal sealed unsafe class DoubleColumn(MappedFile file, int start, int length)
{
    public int Length => length;

    public double this[int doc] => (uint)doc < (uint)length
        ? BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(new ReadOnlySpan<byte>(file.Pointer + start + 8L * doc, 8)))
        : throw new ArgumentOutOfRangeException(nameof(doc), doc, $"doc must be 0 to {length - 1}");
}
