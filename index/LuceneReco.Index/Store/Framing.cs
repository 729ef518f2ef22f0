using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace LuceneReco.Index.Store;

/// <summary>Where the parts of a framed file lie (see <see cref="Codec"/>): payload, chunk table, footer.</summary>
/// <param name="PayloadStart">The first byte after the header.</param>
/// <param name="End">The first byte after the payload: the chunk table starts here.</param>
/// <param name="ChunkCount">Chunks covering bytes [0, End).</param>
internal readonly record struct Frame(int PayloadStart, int End, int ChunkCount)
{
    /// <summary>Checks header, footer magic and chunk table of <paramref name="data"/> (the whole file <paramref name="name"/>, mapped or read).</summary>
    /// <remarks>Reads the header, the last bytes and the chunk table only (4 bytes per 16 KiB), not the payload.</remarks>
    public static Frame Parse(string name, ReadOnlySpan<byte> data, string codec)
    {
        int headerLength = Codec.HeaderLength(codec.Length);
        const int tail = Codec.TrailerLength + Codec.FooterLength;
        if (data.Length < headerLength + tail)
            throw new CorruptIndexException(name, data.Length, $"truncated: {data.Length} bytes is shorter than header, chunk table and footer");
        if (BinaryPrimitives.ReadInt32LittleEndian(data) != Codec.HeaderMagic)
            throw new CorruptIndexException(name, 0, "bad header magic (not an index file, or damaged header)");
        if (data[4] != codec.Length || !data.Slice(5, codec.Length).SequenceEqual(Encoding.ASCII.GetBytes(codec)))
            throw new CorruptIndexException(name, 4, $"header does not name codec '{codec}'");
        int version = BinaryPrimitives.ReadInt32LittleEndian(data[(5 + codec.Length)..]);
        if (version != Codec.Version) throw new CorruptIndexException(name, 5 + codec.Length, Codec.VersionProblem(version));
        int footer = data.Length - Codec.FooterLength;
        if (BinaryPrimitives.ReadInt32LittleEndian(data[footer..]) != Codec.FooterMagic)
            throw new CorruptIndexException(name, footer, "bad footer magic (truncated or damaged footer)");
        int trailer = footer - Codec.TrailerLength;
        int count = BinaryPrimitives.ReadInt32LittleEndian(data[trailer..]);
        int shift = BinaryPrimitives.ReadInt32LittleEndian(data[(trailer + 4)..]);
        uint tableCrc = BinaryPrimitives.ReadUInt32LittleEndian(data[(trailer + 8)..]);
        long end = trailer - 4L * count;
        if (shift != Codec.ChunkShift || count < 1 || end < headerLength || count != (int)((end + (1 << shift) - 1) >> shift))
            throw new CorruptIndexException(name, trailer, $"the chunk table is damaged ({count} chunks of 2^{shift} bytes in a {data.Length}-byte file)");
        uint actual = Crc32.HashToUInt32(data[(int)end..trailer]);
        if (actual != tableCrc)
            throw new CorruptIndexException(name, end, $"chunk table checksum mismatch (stored {tableCrc:x8}, computed {actual:x8})");
        return new Frame(headerLength, (int)end, count);
    }

    /// <summary>Bytes [start, end) of chunk <paramref name="chunk"/>.</summary>
    public (int Start, int End) ChunkRange(int chunk) => (chunk << Codec.ChunkShift, Math.Min((chunk + 1) << Codec.ChunkShift, End));

    /// <summary>Throws naming <paramref name="name"/> unless chunk <paramref name="chunk"/> of <paramref name="data"/> matches its checksum.</summary>
    public void VerifyChunk(string name, ReadOnlySpan<byte> data, int chunk)
    {
        var (start, end) = ChunkRange(chunk);
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(data[(End + 4 * chunk)..]);
        uint actual = Crc32.HashToUInt32(data[start..end]);
        if (stored != actual)
            throw new CorruptIndexException(name, start, $"checksum mismatch in bytes {start} to {end - 1} (stored {stored:x8}, computed {actual:x8})");
    }

    /// <summary>Throws naming <paramref name="name"/> unless the footer checksum covers every byte of <paramref name="data"/>.</summary>
    public static void VerifyWhole(string name, ReadOnlySpan<byte> data)
    {
        int footer = data.Length - Codec.FooterLength;
        uint expected = BinaryPrimitives.ReadUInt32LittleEndian(data[(footer + 4)..]);
        uint actual = Crc32.HashToUInt32(data[..(footer + 4)]);
        if (expected != actual)
            throw new CorruptIndexException(name, -1, $"checksum mismatch (stored {expected:x8}, computed {actual:x8})");
    }
}
