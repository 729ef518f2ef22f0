namespace LuceneReco.Index.Tests.Durability;

/// <summary>A way of damaging one index file (see <see cref="FileDamage.Apply"/>).</summary>
public enum Damage
{
    /// <summary>Inverts the byte in the middle of the file.</summary>
    FlipMiddle,
    /// <summary>Inverts the first byte of the header magic.</summary>
    FlipHeaderMagic,
    /// <summary>Inverts the first character of the codec name in the header.</summary>
    FlipCodecName,
    /// <summary>Inverts the low byte of the format version in the header.</summary>
    FlipVersion,
    /// <summary>Inverts the first byte of the footer magic.</summary>
    FlipFooterMagic,
    /// <summary>Inverts the last byte of the file (part of the checksum).</summary>
    FlipChecksum,
    /// <summary>Drops the last byte.</summary>
    TruncateByOne,
    /// <summary>Keeps the first half.</summary>
    TruncateToHalf,
    /// <summary>Leaves the file empty.</summary>
    TruncateToEmpty,
    /// <summary>Appends one zero byte.</summary>
    AppendByte,
}
