using System.Globalization;

namespace LuceneReco.Index.LuceneNet.Tests;

/// <summary>Seeds for randomized tests: <c>LR_TEST_SEED</c> when set (to replay a failure), else a fresh one; failures print it.</summary>
internal static class TestSeed
{
    public const string Variable = "LR_TEST_SEED";

    public static int Next() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s
            ? int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : Random.Shared.Next();

    public static string Describe(int seed) => $"seed {seed} (rerun with {Variable}={seed})";
}
