using System.Text.RegularExpressions;
using FsCheck.Xunit;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Diversity.Tests.Support;

namespace LuceneReco.Rankers.Diversity.Tests.Stages;

/// <summary>On random catalogues, what the MMR and DPP explanations say is true of the list they explain.</summary>
public sealed partial class ExplanationPropertyTests
{
    private static readonly string[] Words = ["space", "alien", "ship", "love", "paris", "war", "robot", "city", "night", "river"];

    [Property(MaxTest = 60)]
    public bool EveryMovedItem_SaysWhereFromAndTo_AndTheItemItIsCloseToIsAboveIt(int seed, bool dpp)
    {
        var random = new Random(seed);
        var catalog = new FakeCatalog();
        int n = random.Next(2, 30);
        var candidates = new List<Candidate>();
        for (int i = 0; i < n; i++)
        {
            string body = string.Join(' ', Enumerable.Range(0, random.Next(1, 6)).Select(_ => Words[random.Next(Words.Length)]));
            catalog.Add("i" + i, ("title", "T" + i), ("body", body), ("category", "c" + random.Next(4)));
            candidates.Add(new Candidate("i" + i, n - i));
        }
        IRankerPlugin plugin = dpp ? new DppRanker() : new MmrRanker();
        string options = dpp ? """{ "theta": 0.3, "attributeFields": "category" }""" : """{ "lambda": 0.4, "attributeFields": "category" }""";
        List<Candidate> result = StageFixture.Run(StageFixture.Stage(plugin, catalog, options), candidates).GetAwaiter().GetResult();

        for (int place = 0; place < result.Count; place++)
        {
            Candidate c = result[place];
            int from = int.Parse(c.ItemId[1..], System.Globalization.CultureInfo.InvariantCulture) + 1;
            if (from == place + 1)
            {
                if (c.Explanations.Count != 0) return false;
                continue;
            }
            string line = Assert.Single(c.Explanations);
            Match m = Move().Match(line);
            if (!m.Success || m.Groups["from"].Value != from.ToString(System.Globalization.CultureInfo.InvariantCulture)
                || m.Groups["to"].Value != (place + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)) return false;
            if (Close().Match(line) is { Success: true } close)
            {
                int above = result.FindIndex(x => x.ItemId == "i" + close.Groups["title"].Value[1..]);
                if (above < 0 || above >= place) return false;
            }
        }
        return true;
    }

    [GeneratedRegex(@"^(mmr|dpp): moved (up|down) from (?<from>\d+) to (?<to>\d+): ")]
    private static partial Regex Move();

    [GeneratedRegex("too close to \"(?<title>[^\"]+)\", already above it")]
    private static partial Regex Close();
}
