using System.Globalization;

namespace LuceneReco.Testing;

/// <summary>
/// Seeds for randomized tests: the value of <c>LR_TEST_SEED</c> when set (to replay a failure), else a fresh one.
/// Tests print the seed they use, so a failure says how to reproduce it.
/// </summary>
public static class TestSeed
{
    /// <summary>The environment variable that replays a seed.</summary>
    public const string Variable = "LR_TEST_SEED";

    /// <summary>The seed to use.</summary>
    public static int Next() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s
            ? int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : Random.Shared.Next();

    /// <summary>The line to print: how to rerun with this seed.</summary>
    public static string Describe(int seed) => $"seed {seed} (rerun with {Variable}={seed})";
}
