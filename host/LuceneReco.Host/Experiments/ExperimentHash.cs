using System.Security.Cryptography;
using System.Text;

namespace LuceneReco.Host.Experiments;

/// <summary>
/// The experiment's only source of chance, so a user sees the same thing on every request: a 64-bit seed from SHA-256 of the
/// experiment name, user and session (each length-prefixed, so ("ab","c") and ("a","bc") differ), and SplitMix64 (Steele, Lea
/// &amp; Flood 2014) for the coin flips. Stable across processes, machines and .NET versions, unlike <see cref="string.GetHashCode()"/>.
/// </summary>
internal static class ExperimentHash
{
    /// <summary>The seed of <paramref name="parts"/>: the first 8 bytes of SHA-256 over them, each prefixed by its length.</summary>
    public static ulong Seed(params string?[] parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            string p = part ?? "";
            text.Append(p.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':').Append(p);
        }
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }

    /// <summary>
    /// A number in [0, 1) fixed for <paramref name="experiment"/> and <paramref name="userId"/>: the user takes part when it is
    /// below the traffic share, so raising the share keeps everyone who was in.
    /// </summary>
    public static double UserBucket(string experiment, string userId) => ToUnit(Seed("traffic", experiment, userId));

    /// <summary>The uniform number in [0, 1) of the top 53 bits of <paramref name="bits"/>.</summary>
    public static double ToUnit(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));

    /// <summary>SplitMix64: advances <paramref name="state"/> and returns the next 64 random bits.</summary>
    public static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A fair coin from <paramref name="state"/>: true for heads.</summary>
    public static bool Coin(ref ulong state) => (Next(ref state) >> 63) == 1;
}
