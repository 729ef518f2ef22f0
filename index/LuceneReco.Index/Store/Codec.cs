namespace LuceneReco.Index.Store;

/// <summary>
/// File framing shared by every index file (after Lucene's CodecUtil): a header
/// (magic, codec name, version), the payload, a chunk table (CRC-32 of every 16 KiB chunk of header and payload,
/// so a memory-mapped reader can verify a part when it first reads it), and a footer
/// (magic, CRC-32 of every byte before the checksum).
/// </summary>
/// <remarks>
/// Trailer layout after the payload: <c>uint32 chunkCrc[count]</c>, <c>int32 count</c>, <c>int32 chunkShift</c>,
/// <c>uint32 crc(chunkCrc[])</c>, then the footer <c>int32 magic</c>, <c>uint32 crc(everything before)</c>.
/// </remarks>
internal static class Codec
{
    /// <summary>First four bytes of every file.</summary>
    public const int HeaderMagic = 0x4C52_4331; // "LRC1"

    /// <summary>First four bytes of every footer.</summary>
    public const int FooterMagic = ~HeaderMagic;

    /// <summary>The footer: magic (4) + checksum (4).</summary>
    public const int FooterLength = 8;

    /// <summary>The fixed part of the chunk table after its checksums: count (4), shift (4), table checksum (4).</summary>
    public const int TrailerLength = 12;

    /// <summary>log2 of the chunk size the writer uses (16 KiB).</summary>
    public const int ChunkShift = 14;

    /// <summary>
    /// The on-disk format version every file is written with. 2: chunk checksums in every file, a term dictionary
    /// searched in place, fixed-width term-vector and id offsets, a sorted id table (all for the memory-mapped reader).
    /// </summary>
    public const int Version = 2;

    /// <summary>Header length for a codec name of <paramref name="codecLength"/> ASCII chars: magic, length byte, name, version.</summary>
    public static int HeaderLength(int codecLength) => 4 + 1 + codecLength + 4;

    /// <summary>The reason given for a file of another format version.</summary>
    public static string VersionProblem(int version) => version < Version
        ? $"format version {version} was written by an older LuceneReco; this one reads version {Version} only: build the index again from its items"
        : $"format version {version} is not supported (this LuceneReco reads version {Version}; the file is damaged or from a newer release)";
}
