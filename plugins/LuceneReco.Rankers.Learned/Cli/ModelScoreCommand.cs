using System.Globalization;
using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Models;

namespace LuceneReco.Rankers.Learned.Cli;

/// <summary>
/// <c>lucenereco model score --model FILE --format xgboost-json|lightgbm|linear|onnx [--features ROWS.tsv] [--features-file FEATURES.json]
/// [--contributions] --out FILE.tsv|-</c>: scores TSV rows of features (a header of feature names, an empty cell missing; standard
/// input without <c>--features</c>) and writes a <c>score</c> column (the margin) and, with <c>--contributions</c>, one column per
/// feature in model order plus <c>bias</c>, which sum to the score. The host's CLI calls <see cref="Run(string[], TextWriter, TextWriter)"/>
/// with the arguments after <c>model score</c>.
/// </summary>
public static class ModelScoreCommand
{
    private const int Chunk = 4096;

    /// <summary>Runs the command reading rows from standard input when <c>--features</c> is not given.</summary>
    /// <returns>0 when scored; 2 for bad usage, a model that does not load or bad input (one line on <paramref name="stderr"/>); 1 when the output cannot be written.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, Console.In, stdout, stderr);

    /// <summary>Runs the command with <paramref name="stdin"/> as standard input.</summary>
    /// <returns>0 when scored; 2 for bad usage, a model that does not load or bad input; 1 when the output cannot be written.</returns>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        (ScoreArguments? parsed, string? problem, bool help) = ScoreArguments.Parse(args);
        if (help)
        {
            stdout.WriteLine(ScoreArguments.Usage);
            return 0;
        }
        if (parsed is null)
        {
            stderr.WriteLine($"model score: {problem}; {ScoreArguments.Usage}");
            return 2;
        }

        ScoringModel model;
        IReadOnlyList<FeatureSpec>? declared = null;
        try
        {
            model = ModelLoader.Load(Path.GetFullPath(parsed.Model), parsed.Format);
            if (parsed.FeaturesFile is string file) declared = FeatureSpecReader.Read(Path.GetFullPath(file));
            if (parsed.Contributions && !model.HasContributions)
            {
                stderr.WriteLine($"model score: --contributions: the {parsed.Format.ToString().ToLowerInvariant()} model '{parsed.Model}' gives no contributions per feature");
                return 2;
            }
        }
        catch (ModelFormatException e)
        {
            stderr.WriteLine($"model score: the model does not load: {e.Message}");
            return 2;
        }

        TextReader? input = null;
        string? temp = null;
        try
        {
            input = parsed.Features is string rowsPath ? new StreamReader(rowsPath) : stdin;
            string inputName = parsed.Features ?? "standard input";
            FeatureSchema schema = Schema(model, declared, parsed.FeaturesFile, input, inputName, out TsvRowReader rows);
            temp = parsed.Out == "-" ? null : parsed.Out + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            using (TextWriter output = temp is null ? new NonClosingWriter(stdout) : new StreamWriter(temp) { NewLine = "\n" })
                Score(model, schema, rows, output, parsed.Contributions);
            if (temp is not null) File.Move(temp, parsed.Out, overwrite: true);
            temp = null;
            return 0;
        }
        catch (ModelFormatException e)
        {
            stderr.WriteLine($"model score: {e.Message}");
            return 2;
        }
        catch (TsvInputException e)
        {
            stderr.WriteLine($"model score: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException && input is null)
        {
            stderr.WriteLine($"model score: cannot read the rows: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"model score: {e.Message}");
            return 1;
        }
        finally
        {
            if (input is not null && !ReferenceEquals(input, stdin)) input.Dispose();
            if (temp is not null) TryDelete(temp, stderr);
        }
    }

    /// <summary>
    /// The features the header must match: the features file's, else the model's names, else (a model that names none)
    /// the header's own names in order, as many as the model has.
    /// </summary>
    private static FeatureSchema Schema(ScoringModel model, IReadOnlyList<FeatureSpec>? declared, string? declaredIn, TextReader input,
        string inputName, out TsvRowReader rows)
    {
        if (declared is null && model.FeatureNames is null)
        {
            string header = input.ReadLine() ?? throw new TsvInputException($"{inputName}: empty: expected a header of feature names");
            string[] names = header.Split('\t', StringSplitOptions.TrimEntries);
            if (names.Length != model.FeatureCount)
                throw new TsvInputException($"{inputName}: line 1: {names.Length} columns, but the model (which names no features) has {model.FeatureCount}");
            FeatureSchema own = FeatureSchema.For(model, Array.ConvertAll(names, n => new FeatureSpec(n)), inputName);
            rows = TsvRowReader.Open(new StringReader(header + "\n" + input.ReadToEnd()), inputName, own);
            return own;
        }
        FeatureSchema schema = FeatureSchema.For(model, declared, declaredIn);
        rows = TsvRowReader.Open(input, inputName, schema);
        return schema;
    }

    private static void Score(ScoringModel model, FeatureSchema schema, TsvRowReader rows, TextWriter output, bool contributions)
    {
        output.Write("score");
        if (contributions)
        {
            foreach (string name in schema.Names) output.Write("\t" + name);
            output.Write("\tbias");
        }
        output.Write('\n');
        using var matrix = new FeatureMatrix(Chunk, schema.Count);
        var margins = new double[Chunk];
        var phi = new double[schema.Count];
        int read;
        while ((read = rows.Read(matrix)) > 0)
        {
            using FeatureMatrix? shortChunk = read < Chunk ? Slice(matrix, read) : null;
            FeatureMatrix chunk = shortChunk ?? matrix;
            model.Score(chunk, margins);
            for (int r = 0; r < read; r++)
            {
                output.Write(Format(margins[r]));
                if (contributions)
                {
                    double bias = model.Contributions(chunk, r, phi);
                    foreach (double p in phi) output.Write("\t" + Format(p));
                    output.Write("\t" + Format(bias));
                }
                output.Write('\n');
            }
        }
    }

    /// <summary>The first <paramref name="count"/> rows as a matrix of their own, so a short last chunk scores only its rows.</summary>
    private static FeatureMatrix Slice(FeatureMatrix matrix, int count)
    {
        var slice = new FeatureMatrix(count, matrix.Columns);
        for (int r = 0; r < count; r++) matrix.Row(r).CopyTo(slice.Row(r));
        return slice;
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static void TryDelete(string path, TextWriter stderr)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { stderr.WriteLine($"model score: could not remove {path}: {e.Message}"); }
    }

    /// <summary>Writes through to a writer the command does not own (standard output), flushing instead of closing it.</summary>
    private sealed class NonClosingWriter(TextWriter inner) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void Write(string? value) => inner.Write(value);

        protected override void Dispose(bool disposing) => inner.Flush();
    }
}
