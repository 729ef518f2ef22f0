namespace LuceneReco.Index.Segments;

/// <summary>
/// Lucene's one-byte length encoding for norms (SmallFloat.intToByte4 / byte4ToInt): exact below 24,
/// then 4 significant bits, so lengths round down to the nearest encodable value.
/// </summary>
internal static class SmallFloat
{
    private const int NumFreeValues = 255 - 231; // 231 = LongToInt4(int.MaxValue)

    /// <summary>Encodes a non-negative length into one byte.</summary>
    public static byte IntToByte4(int i)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        return i < NumFreeValues ? (byte)i : (byte)(NumFreeValues + LongToInt4(i - NumFreeValues));
    }

    /// <summary>Decodes a byte made by <see cref="IntToByte4"/>.</summary>
    public static int Byte4ToInt(byte b) => b < NumFreeValues ? b : (int)(NumFreeValues + Int4ToLong(b - NumFreeValues));

    private static int LongToInt4(long i)
    {
        int numBits = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)i);
        if (numBits < 4) return (int)i; // subnormal
        int shift = numBits - 4;
        int encoded = (int)(i >>> shift) & 0x07; // the leading bit is implicit
        return encoded | ((shift + 1) << 3);
    }

    private static long Int4ToLong(int i)
    {
        long bits = i & 0x07;
        int shift = (i >>> 3) - 1;
        return shift == -1 ? bits : (bits | 0x08) << shift;
    }
}
