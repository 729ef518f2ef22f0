using System.Numerics;

namespace LuceneReco.Rankers.Fairness.Tests.Support;

/// <summary>Exact integer arithmetic for reference values: a double as a fraction, binomial coefficients, the fail probability.</summary>
internal static class Exact
{
    /// <summary>The exact value of a finite positive double as numerator / 2^e.</summary>
    public static (BigInteger Numerator, BigInteger Denominator) Rational(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent++; else mantissa |= 1L << 52;
        exponent -= 1075;
        BigInteger n = mantissa, d = 1;
        if (exponent > 0) n <<= exponent; else d <<= -exponent;
        BigInteger g = BigInteger.GreatestCommonDivisor(n, d);
        return (n / g, d / g);
    }

    public static BigInteger Choose(int n, int k)
    {
        BigInteger r = 1;
        for (int j = 1; j <= k; j++) r = r * (n - k + j) / j;
        return r;
    }

    /// <summary>P(some prefix fails) with p = pn / pd, by the same DP in exact fractions, returned as a double.</summary>
    public static double FailProbability(int[] minimums, int pn, int pd)
    {
        int k = minimums.Length;
        var alive = new BigInteger[k + 2];
        alive[0] = 1; // scaled by pd^i at step i
        BigInteger failed = 0; // scaled by pd^k at the end
        for (int i = 1; i <= k; i++)
        {
            var next = new BigInteger[k + 2];
            for (int c = 0; c < i; c++)
            {
                next[c] += alive[c] * (pd - pn);
                next[c + 1] += alive[c] * pn;
            }
            for (int c = 0; c < minimums[i - 1]; c++)
            {
                failed += next[c] * BigInteger.Pow(pd, k - i);
                next[c] = 0;
            }
            alive = next;
        }
        BigInteger scale = BigInteger.Pow(pd, k);
        return (double)(failed * BigInteger.Pow(10, 30) / scale) / 1e30;
    }
}
