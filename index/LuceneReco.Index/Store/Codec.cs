namespace LuceneReco.Index.Store;

/// <summary>
/// File framing shared by every index file (after Lucene's CodecUtil): a header
/// (magic, codec name, version) and a footer (magic, CRC-32 of every byte before the checksum).
/// </summary>
internal static class Codec
{
    /// <summary>First four bytes of every file.</summary>
    public const int HeaderMagic = 0x4C52_4331; // "LRC1"

    /// <summary>First four bytes of every footer.</summary>
    public const int FooterMagic = ~HeaderMagic;

    /// <summary>The footer: magic (4) + checksum (4).</summary>
    public const int FooterLength = 8;

    /// <summary>The on-disk format version every file is written with.</summary>
    public const int Version = 1;

    /// <summary>Header length for a codec name of <paramref name="codecLength"/> ASCII chars: magic, length byte, name, version.</summary>
    public static int HeaderLength(int codecLength) => 4 + 1 + codecLength + 4;
}
