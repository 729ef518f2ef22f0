using LuceneReco.Host.Experiments;

namespace LuceneReco.Host.Tests.Experiments;

public sealed class InterleavingCreditTests
{
    [Fact]
    public void TeamDraft_MoreClicksOnOneTeam_ThatTeamWins()
    {
        Variant[] teams = [Variant.A, Variant.B, Variant.A, Variant.B];
        Assert.Equal(Preference.A, InterleavingCredit.TeamDraft(teams, [true, false, true, true]));
        Assert.Equal(Preference.B, InterleavingCredit.TeamDraft(teams, [false, true, false, false]));
        Assert.Equal(Preference.Tie, InterleavingCredit.TeamDraft(teams, [true, true, false, false]));
        Assert.Equal(Preference.NoClick, InterleavingCredit.TeamDraft(teams, [false, false, false, false]));
    }

    [Fact]
    public void Balanced_ClickOnSharedTopItem_Ties()
    {
        // A = x, a2, a3; B = x, b2, b3: the click on x (rank 1 in both) counts for both
        var list = Interleaving.Balanced(["x", "a2", "a3"], ["x", "b2", "b3"], 5, 1);
        var clicked = list.Items.Select(i => i == "x").ToArray();
        Assert.Equal(Preference.Tie, InterleavingCredit.Balanced(list.RankA, list.RankB, clicked));
    }

    [Fact]
    public void Balanced_LowestClickDecidesTheDepth()
    {
        // I = a1 b1 a2 b2; clicks on a1 and a2. Lowest click a2 has rank 2 in A, none in B, so k = 2: A scores 2, B 0.
        int[] rankA = [1, 0, 2, 0];
        int[] rankB = [0, 1, 0, 2];
        Assert.Equal(Preference.A, InterleavingCredit.Balanced(rankA, rankB, [true, false, true, false]));
        // a click on b2 alone: k = 2, B scores 1
        Assert.Equal(Preference.B, InterleavingCredit.Balanced(rankA, rankB, [false, false, false, true]));
    }

    [Fact]
    public void Balanced_ItemRankedLowerInTheOtherList_CountsOnlyWithinK()
    {
        // x is 1st in A and 3rd in B; the only click is on x: k = 1, so only A's top 1 counts
        int[] rankA = [1, 0, 2];
        int[] rankB = [3, 1, 0];
        Assert.Equal(Preference.A, InterleavingCredit.Balanced(rankA, rankB, [true, false, false]));
    }

    [Fact]
    public void Of_FlagsOfWrongLength_Throws()
    {
        var list = Interleaving.TeamDraft(["a"], ["b"], 2, 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => InterleavingCredit.Of(InterleavingMethod.TeamDraft, list, [true]));
    }

    [Theory]
    [InlineData("teamDraft")]
    [InlineData("balanced")]
    public void Of_UserClicksOnlyTheTopItemOfA_AWins(string methodName)
    {
        var method = Methods.Parse(methodName);
        for (ulong seed = 0; seed < 100; seed++)
        {
            var list = Interleaving.Interleave(method, ["a1", "a2", "a3"], ["b1", "b2", "b3"], 6, seed);
            var clicked = list.Items.Select(i => i == "a1").ToArray();
            Assert.True(InterleavingCredit.Of(method, list, clicked) == Preference.A, $"seed {seed}");
        }
    }
}
