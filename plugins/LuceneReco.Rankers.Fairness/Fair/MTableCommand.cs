using System.Globalization;
using System.Text;

namespace LuceneReco.Rankers.Fairness.Fair;

/// <summary>
/// <c>lucenereco fairness mtable --k 20 --p 0.25 --alpha 0.1 [--adjust] [--json]</c>: prints the FA*IR table. Without
/// <c>--adjust</c> one line, m(1)..m(k) comma-separated; with it the adjusted alpha and fail probability, then that line.
/// <c>--json</c> prints one object instead. The host calls <see cref="Run"/> with the arguments after <c>mtable</c>.
/// </summary>
public static class MTableCommand
{
    /// <summary>The usage line printed on bad input.</summary>
    public const string Usage = "usage: lucenereco fairness mtable --k N --p P --alpha A [--adjust] [--json]";

    /// <summary>Runs the command; 0 on success (and for <c>--help</c>, which prints the usage line), 2 on bad usage (one line on <paramref name="stderr"/>).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args is ["--help"] or ["-h"])
        {
            stdout.WriteLine(Usage);
            return 0;
        }
        Parsed parsed = Parse(args);
        if (parsed.Problem is { } problem)
        {
            stderr.WriteLine($"{problem} ({Usage})");
            return 2;
        }
        (int k, double p, double alpha, bool adjust, bool json) = (parsed.K, parsed.P, parsed.Alpha, parsed.Adjust, parsed.Json);
        MTable table;
        double? adjusted = null;
        if (adjust)
        {
            MTableAdjustment a = MTableAdjuster.Adjust(k, p, alpha);
            table = a.Table;
            adjusted = a.AdjustedAlpha;
        }
        else
        {
            table = MTable.Compute(k, p, alpha);
        }

        if (json)
        {
            var text = new StringBuilder();
            text.Append(F($"{{\"k\":{k},\"p\":{R(p)},\"alpha\":{R(alpha)},"));
            if (adjusted is double aa) text.Append(F($"\"adjustedAlpha\":{R(aa)},"));
            text.Append(F($"\"failProbability\":{R(table.FailProbability)},\"mtable\":[")).Append(table.ToString()).Append("]}");
            stdout.WriteLine(text.ToString());
            return 0;
        }
        if (adjusted is double shown)
        {
            stdout.WriteLine(F($"adjusted alpha    {shown:0.##########}"));
            stdout.WriteLine(F($"fail probability  {table.FailProbability:0.##########}"));
        }
        stdout.WriteLine(table.ToString());
        return 0;
    }

    private sealed record Parsed(int K, double P, double Alpha, bool Adjust, bool Json, string? Problem);

    private static Parsed Parse(string[] args)
    {
        int? k = null;
        double? p = null, alpha = null;
        bool adjust = false, json = false;
        for (int a = 0; a < args.Length; a++)
        {
            string name = args[a];
            switch (name)
            {
                case "--adjust": adjust = true; continue;
                case "--json": json = true; continue;
                case "--k" or "--p" or "--alpha":
                    if (a + 1 >= args.Length) return Fail($"{name} needs a value");
                    string value = args[++a];
                    if (name == "--k")
                    {
                        int max = MTable.MaxK;
                        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int kv) || kv < 1 || kv > max)
                            return Fail($"--k must be an integer from 1 to {max}, got '{value}'");
                        k = kv;
                    }
                    else if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !(v > 0 && v < 1))
                    {
                        return Fail($"{name} must be a number strictly between 0 and 1, got '{value}'");
                    }
                    else if (name == "--p") p = v;
                    else alpha = v;
                    continue;
                default:
                    return Fail($"unknown argument '{name}'");
            }
        }
        if (k is null || p is null || alpha is null)
            return Fail("--k, --p and --alpha are required");
        if (adjust && k > MTableAdjuster.MaxK)
            return Fail(F($"--adjust works up to --k {MTableAdjuster.MaxK}, got {k}"));
        return new Parsed(k.Value, p.Value, alpha.Value, adjust, json, null);
    }

    private static Parsed Fail(string problem) => new(0, 0, 0, false, false, problem);

    /// <summary>Round-trip invariant formatting ("0.25", "0.07508468627929688").</summary>
    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
