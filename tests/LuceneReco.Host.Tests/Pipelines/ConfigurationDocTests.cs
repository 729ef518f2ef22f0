using System.Globalization;
using System.Text.RegularExpressions;
using LuceneReco.Host.Cli;
using LuceneReco.Host.Http;
using LuceneReco.Host.Http.Paging;
using LuceneReco.Host.Http.Security;
using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Tests.Pipelines;

/// <summary>
/// docs/configuration.md against the code: every key the serving-config parser knows (read from its own "known: ..."
/// answers to an unknown key), every <c>serve</c> option, every <c>--limit</c> name and built-in source is in the page,
/// and the defaults it states are the code's.
/// </summary>
public sealed partial class ConfigurationDocTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot, "docs", "configuration.md"));

    /// <summary>Configurations with an unknown key in each section, and the heading of that section's table.</summary>
    public static TheoryData<string, string> Sections => new()
    {
        { """{"zzz": 1}""", "### Top level" },
        { """{"pipelines": {"p": {"zzz": 1}}}""", "### A pipeline" },
        { """{"pipelines": {"p": {"recall": [{"source": "search", "zzz": 1}]}}}""", "### A recall step" },
        { """{"pipelines": {"p": {"recall": [{"source": "search"}], "stages": [{"ranker": "r", "zzz": 1}]}}}""", "### A stage" },
        { """{"pipelines": {"p": {"recall": [{"source": "search"}], "newItems": {"zzz": 1}}}}""", "### New-item places" },
        { """{"pipelines": {"p": {"recall": [{"source": "search"}], "featureLog": {"zzz": 1}}}}""", "### The feature log" },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void EveryKeyTheParserKnows_HasARowInItsSection(string json, string heading)
    {
        var (_, errors) = ServingConfigParser.Parse(json);
        var known = errors.Select(e => KnownList().Match(e)).FirstOrDefault(m => m.Success);
        Assert.True(known is not null, $"no 'known: ...' among the parser's errors: {string.Join("; ", errors)}");
        var keys = known.Groups[1].Value.Split(", ");
        Assert.True(keys.Length >= 2, $"too few keys read: {known.Value}");
        var rows = Rows(heading);
        var missing = keys.Where(k => !rows.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, $"docs/configuration.md, '{heading}', has no row for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void StatedDefaults_AreTheCodes()
    {
        var recall = new RecallStep { Source = "x" };
        var pipeline = new PipelineDefinition();
        var stage = new StageStep { Ranker = "x" };
        var slots = new NewItemSlots();
        var log = new FeatureLogSettings();
        var request = RequestLimits.Default;
        var paging = PagingLimits.Default;
        var expected = new (string Heading, string Key, double Value)[]
        {
            ("### Top level", "shadowQueue", new ServingConfig().ShadowQueue),
            ("### A pipeline", "rrfK", pipeline.RrfK),
            ("### A recall step", "size", recall.Size),
            ("### A recall step", "weight", recall.Weight),
            ("### A recall step", "minTermFreq", recall.MinTermFreq),
            ("### A recall step", "minDocFreq", recall.MinDocFreq),
            ("### A recall step", "maxQueryTerms", recall.MaxQueryTerms),
            ("### A stage", "budgetMs", stage.BudgetMs),
            ("### New-item places", "every", slots.Every),
            ("### The feature log", "maxLists", log.MaxLists),
            ("### The feature log", "exploreTop", log.ExploreTop),
            ("### `--limit` names", "maxIdLength", request.MaxIdLength),
            ("### `--limit` names", "maxKindLength", request.MaxKindLength),
            ("### `--limit` names", "maxFieldLength", request.MaxFieldLength),
            ("### `--limit` names", "maxQueryLength", request.MaxQueryLength),
            ("### `--limit` names", "maxItemBytes", request.MaxItemBytes),
            ("### `--limit` names", "maxBatch", request.MaxBatch),
            ("### `--limit` names", "maxBodyBytes", request.MaxBodyBytes),
            ("### `--limit` names", "ratePerSecond", request.RatePerSecond!.Value),
            ("### `--limit` names", "rateBurst", request.RateBurst),
            ("### `--limit` names", "pagingDepth", paging.Depth),
            ("### `--limit` names", "pagingTtlSeconds", paging.TimeToLive.TotalSeconds),
            ("### `--limit` names", "pagingMaxLists", paging.Capacity),
        };
        foreach (var (heading, key, value) in expected)
        {
            Assert.True(Rows(heading).TryGetValue(key, out var cells), $"'{heading}' has no row for {key}");
            var stated = Regex.Match(cells["default"], @"^[\d,.]+").Value.Replace(",", "", StringComparison.Ordinal);
            Assert.True(double.TryParse(stated, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && number == value,
                $"docs/configuration.md states the default of {key} as '{cells["default"]}'; the code's is {value.ToString(CultureInfo.InvariantCulture)}");
        }
        Assert.Equal(ServingConfig.BuiltIn.DefaultPipeline, Rows("### Top level")["defaultPipeline"]["default"].Trim('`', '"'));
        Assert.Equal(ServeApp.DefaultUrls, Rows("## `serve` options")["--urls URL"]["default"].Trim('`'));
    }

    [Fact]
    public void EveryServeOption_AndEveryLimitName_AndEveryBuiltInSource_IsInThePage()
    {
        var serve = ServeCommand.Create(new CliConsole(new StringWriter(), new StringWriter(), false, TimeProvider.System));
        var options = serve.Options.Select(o => o.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal) && n != "--help").ToList();
        Assert.True(options.Count >= 10, $"read only {options.Count} options of serve");
        var optionRows = Rows("## `serve` options").Keys.Select(k => k.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        var missing = options.Where(o => !optionRows.Contains(o)).ToList();
        Assert.True(missing.Count == 0, $"docs/configuration.md lists no serve option {string.Join(", ", missing)}");

        var limitRows = Rows("### `--limit` names");
        var names = RequestLimits.Names.Concat(PagingLimitOptions.Names).Where(n => !limitRows.ContainsKey(n)).ToList();
        Assert.True(names.Count == 0, $"docs/configuration.md lists no --limit {string.Join(", ", names)}");

        var sources = Rows("### A recall step")["source"]["range / what"];
        var absent = RecallSources.Names.Where(n => !sources.Contains($"`{n}`", StringComparison.Ordinal)).ToList();
        Assert.True(absent.Count == 0, $"the source row names no built-in source {string.Join(", ", absent)}");
    }

    /// <summary>
    /// The table rows under the heading that starts with <paramref name="heading"/> (up to the next heading of any level),
    /// by their first cell without backticks (each name of a cell listing several), each row's cells by its table's column names.
    /// </summary>
    private static Dictionary<string, Dictionary<string, string>> Rows(string heading)
    {
        int start = Doc.IndexOf("\n" + heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/configuration.md has no heading '{heading}'");
        var rows = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var lines = Doc[(Doc.IndexOf('\n', start + 1) + 1)..].Split('\n');
        string[] columns = [];
        for (int i = 0; i < lines.Length && !lines[i].StartsWith('#'); i++)
        {
            if (!lines[i].StartsWith('|')) continue;
            var cells = lines[i].Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToArray();
            if (i + 1 < lines.Length && lines[i + 1].StartsWith("|---", StringComparison.Ordinal)) { columns = cells; continue; }
            if (!cells[0].StartsWith('`')) continue;
            var byColumn = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int c = 0; c < Math.Min(columns.Length, cells.Length); c++) byColumn[columns[c]] = cells[c];
            foreach (var key in cells[0].Split(", ")) rows[key.Trim('`')] = byColumn;
        }
        return rows;
    }

    [GeneratedRegex(@"\(known: ([^)]+)\)")]
    private static partial Regex KnownList();
}
