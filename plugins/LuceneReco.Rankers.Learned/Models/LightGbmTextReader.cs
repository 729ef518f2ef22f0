using System.Globalization;
using LuceneReco.Rankers.Learned.Trees;

namespace LuceneReco.Rankers.Learned.Models;

/// <summary>
/// Reads LightGBM's text model (as <c>save_model</c> / <c>LGBM_BoosterSaveModel</c> write it): a header of <c>key=value</c>
/// lines, then one <c>Tree=N</c> block per tree up to <c>end of trees</c>. In a block, internal node i splits on
/// <c>split_feature[i]</c> and goes left when <c>x &lt;= threshold[i]</c>; a child below zero is leaf <c>~child</c>, whose
/// <c>leaf_value</c> already has the shrinkage applied. <c>decision_type</c> holds the default-left bit (2) and the missing
/// type (bits 2-3): None treats a missing value as 0, Zero sends 0 and missing the default way, NaN sends only NaN that way.
/// Covers for TreeSHAP are <c>internal_count</c> and <c>leaf_count</c>, as LightGBM's own contributions use.
/// </summary>
internal static class LightGbmTextReader
{
    private const int CategoricalMask = 1;
    private const int DefaultLeftMask = 2;

    public static TreeEnsemble Read(string path)
    {
        string[] lines = ModelFiles.ReadAllLines(path);
        var header = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        bool average = false;
        int k = 0;
        for (; k < lines.Length && !lines[k].StartsWith("Tree=", StringComparison.Ordinal); k++)
        {
            string line = lines[k].Trim();
            if (line == "average_output") average = true;
            else if (line == "end of trees") break;
            else if (Split(line) is (string key, string value)) header[key] = (value, k + 1);
        }
        if (!header.ContainsKey("max_feature_idx") && !header.ContainsKey("version"))
            throw new ModelFormatException(path, "line 1", "not a LightGBM text model (no version or max_feature_idx line)");
        int features = checked(HeaderInt(path, header, "max_feature_idx") + 1);
        if (features is < 1 or > 1_000_000) throw HeaderError(path, header, "max_feature_idx", Invariant($"{features} features is out of range (1 to 1000000)"));
        if (header.ContainsKey("num_class") && HeaderInt(path, header, "num_class") != 1)
            throw HeaderError(path, header, "num_class", "multi-class models are not served (one score per item is needed)");
        if (header.ContainsKey("num_tree_per_iteration") && HeaderInt(path, header, "num_tree_per_iteration") != 1)
            throw HeaderError(path, header, "num_tree_per_iteration", "models with several trees per iteration are not served");
        if (!header.TryGetValue("objective", out var objectiveLine))
            throw new ModelFormatException(path, null, "has no objective line; served: " + Objectives.LightGbmNames);
        string objectiveName = objectiveLine.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [string first, ..] ? first : "";
        Objective objective = Objectives.FromLightGbm(objectiveName)
            ?? throw new ModelFormatException(path, Invariant($"line {objectiveLine.Line}"), $"unknown objective \"{objectiveName}\"; served: {Objectives.LightGbmNames}");
        string[]? names = FeatureNames(path, header, features);

        var builder = new TreeEnsembleBuilder(path, features);
        bool ended = false;
        while (k < lines.Length)
        {
            string line = lines[k].Trim();
            if (line == "end of trees") { ended = true; break; }
            if (!line.StartsWith("Tree=", StringComparison.Ordinal)) { k++; continue; }
            int treeLine = k + 1;
            var block = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
            for (k++; k < lines.Length; k++)
            {
                string l = lines[k].Trim();
                if (l.Length == 0 || l.StartsWith("Tree=", StringComparison.Ordinal) || l == "end of trees") break;
                if (Split(l) is (string key, string value)) block[key] = (value, k + 1);
            }
            int t = builder.TreeCount;
            var tree = new TreeBlock(path, Invariant($"tree {t} (line {treeLine})"), block);
            builder.Add(ReadTree(tree, out int internalNodes), node => node < internalNodes
                ? Invariant($"tree {t} (line {treeLine}) node {node}")
                : Invariant($"tree {t} (line {treeLine}) leaf {node - internalNodes}"));
        }
        if (!ended) throw new ModelFormatException(path, Invariant($"line {lines.Length}"), "truncated: no \"end of trees\" line");
        if (header.TryGetValue("tree_sizes", out var sizes) && sizes.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != builder.TreeCount)
            throw new ModelFormatException(path, Invariant($"line {sizes.Line}"), Invariant($"tree_sizes lists {sizes.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length} trees but the file has {builder.TreeCount}"));
        return builder.Build(objective, names, baseMargin: 0, roundInputsToFloat: false, average);
    }

    private static RawTree ReadTree(TreeBlock block, out int internalNodes)
    {
        int leaves = block.Int("num_leaves");
        if (leaves < 1) throw block.Error("num_leaves", Invariant($"{leaves} must be at least 1"));
        if (block.Has("num_cat") && block.Int("num_cat") != 0) throw block.Error("num_cat", "categorical splits are not served");
        if (block.Has("is_linear") && block.Int("is_linear") != 0) throw block.Error("is_linear", "linear trees are not served");
        internalNodes = leaves - 1;
        double[] leafValue = block.Doubles("leaf_value", leaves);
        double[] leafCount = leaves == 1 ? [1] : block.Doubles("leaf_count", leaves); // a lone leaf's cover plays no part
        var raw = new RawTree(internalNodes + leaves);
        for (int j = 0; j < leaves; j++)
        {
            raw.IsLeaf[internalNodes + j] = true;
            raw.Value[internalNodes + j] = leafValue[j];
            raw.Cover[internalNodes + j] = leafCount[j];
        }
        if (internalNodes == 0) return raw;

        int[] split = block.Ints("split_feature", internalNodes);
        double[] threshold = block.Doubles("threshold", internalNodes);
        int[] decision = block.Ints("decision_type", internalNodes);
        int[] left = block.Ints("left_child", internalNodes);
        int[] right = block.Ints("right_child", internalNodes);
        double[] count = block.Doubles("internal_count", internalNodes);
        for (int i = 0; i < internalNodes; i++)
        {
            int dt = decision[i];
            if ((dt & CategoricalMask) != 0) throw block.Error("decision_type", Invariant($"node {i} is a categorical split, which is not served"));
            int missingType = (dt >> 2) & 3;
            if (missingType == 3) throw block.Error("decision_type", Invariant($"node {i} has an unknown missing type"));
            double t = threshold[i];
            raw.Feature[i] = split[i];
            raw.Threshold[i] = Math.BitIncrement(t); // x <= t  is  x < the next double above t
            raw.MissingGoesLeft[i] = missingType == 0 ? 0 <= t : (dt & DefaultLeftMask) != 0; // None: missing is read as 0
            raw.ZeroIsMissing[i] = missingType == 1;
            raw.Cover[i] = count[i];
            raw.Left[i] = Child(block, "left_child", i, left[i], internalNodes, leaves);
            raw.Right[i] = Child(block, "right_child", i, right[i], internalNodes, leaves);
        }
        return raw;
    }

    /// <summary>A child in the raw numbering: internal nodes first, then the leaves.</summary>
    private static int Child(TreeBlock block, string key, int node, int c, int internalNodes, int leaves)
    {
        if (c >= 0 && c < internalNodes) return c;
        if (c < 0 && ~c < leaves) return internalNodes + ~c;
        throw block.Error(key, Invariant($"node {node}'s child {c} is out of range ({internalNodes} nodes, {leaves} leaves)"));
    }

    private static string[]? FeatureNames(string path, Dictionary<string, (string Value, int Line)> header, int features)
    {
        if (!header.TryGetValue("feature_names", out var line)) return null;
        string[] names = line.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (names.Length != features)
            throw new ModelFormatException(path, Invariant($"line {line.Line}"), Invariant($"feature_names names {names.Length} features but max_feature_idx says {features}"));
        // LightGBM's own placeholder names say nothing about the features
        for (int f = 0; f < names.Length; f++)
            if (names[f] != Invariant($"Column_{f}")) return names;
        return null;
    }

    private static int HeaderInt(string path, Dictionary<string, (string Value, int Line)> header, string key)
    {
        if (!header.TryGetValue(key, out var v)) throw new ModelFormatException(path, null, $"has no {key} line");
        if (!int.TryParse(v.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n))
            throw new ModelFormatException(path, Invariant($"line {v.Line}"), $"{key} \"{v.Value}\" is not an integer");
        return n;
    }

    private static ModelFormatException HeaderError(string path, Dictionary<string, (string Value, int Line)> header, string key, string problem) =>
        new(path, Invariant($"line {header[key].Line}"), problem);

    private static (string Key, string Value)? Split(string line)
    {
        int eq = line.IndexOf('=');
        return eq > 0 ? (line[..eq], line[(eq + 1)..]) : null;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>The <c>key=value</c> lines of one <c>Tree=</c> block.</summary>
    private sealed class TreeBlock(string path, string tree, Dictionary<string, (string Value, int Line)> lines)
    {
        public bool Has(string key) => lines.ContainsKey(key);

        public int Int(string key)
        {
            (string value, int line) = Get(key);
            return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)
                ? n
                : throw new ModelFormatException(path, Invariant($"line {line}, {tree}"), $"{key} \"{value}\" is not an integer");
        }

        public double[] Doubles(string key, int expected)
        {
            (string value, int line) = Get(key);
            string[] parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != expected)
                throw new ModelFormatException(path, Invariant($"line {line}, {tree}"), Invariant($"{key} has {parts.Length} values but {expected} were expected (num_leaves {(key.StartsWith("leaf", StringComparison.Ordinal) ? "" : "- 1 ")}is {expected})"));
            var result = new double[expected];
            for (int k = 0; k < parts.Length; k++)
                if (!TryParse(parts[k], out result[k]))
                    throw new ModelFormatException(path, Invariant($"line {line}, {tree}"), Invariant($"{key} value {k} \"{parts[k]}\" is not a number"));
            return result;
        }

        public int[] Ints(string key, int expected)
        {
            double[] values = Doubles(key, expected);
            var result = new int[expected];
            for (int k = 0; k < expected; k++)
            {
                if (values[k] != Math.Floor(values[k]) || values[k] is < int.MinValue or > int.MaxValue)
                    throw Error(key, Invariant($"value {k} ({values[k]}) is not an integer"));
                result[k] = (int)values[k];
            }
            return result;
        }

        public ModelFormatException Error(string key, string problem)
        {
            string at = lines.TryGetValue(key, out var v) ? Invariant($"line {v.Line}, {tree}") : tree;
            return new ModelFormatException(path, at, $"{key}: {problem}");
        }

        private (string Value, int Line) Get(string key) =>
            lines.TryGetValue(key, out var v) ? v : throw new ModelFormatException(path, tree, $"{key} is missing (truncated?)");

        private static bool TryParse(string s, out double value)
        {
            switch (s)
            {
                case "inf" or "+inf": value = double.PositiveInfinity; return true;
                case "-inf": value = double.NegativeInfinity; return true;
                default: return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            }
        }
    }
}
