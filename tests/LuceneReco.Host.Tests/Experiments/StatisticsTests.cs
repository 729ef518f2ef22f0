using LuceneReco.Host.Experiments;

namespace LuceneReco.Host.Tests.Experiments;

/// <summary>The report's tests against values computed independently (exact sums and Python's statistics module).</summary>
public sealed class StatisticsTests
{
    [Theory]
    [InlineData(9, 1, 0.021484375)]
    [InlineData(1, 9, 0.021484375)]
    [InlineData(60, 40, 0.05688793364098079)]
    [InlineData(5200, 4800, 6.593515598672442e-05)]
    [InlineData(5, 5, 1.0)]
    [InlineData(0, 0, 1.0)]
    public void SignTestP_KnownCounts_ExactBinomial(long wins, long losses, double expected) =>
        Assert.Equal(expected, Statistics.SignTestP(wins, losses), expected * 1e-9 + 1e-15);

    [Fact]
    public void TwoProportionZ_KnownRates_MatchesPooledTest()
    {
        var (z, p) = Statistics.TwoProportionZ(100, 1000, 130, 1000);
        Assert.Equal(2.102740605622114, z, 1e-9);
        Assert.Equal(0.03548845046647473, p, 1e-6); // erfc's fit is good to 1.2e-7 relative
    }

    [Fact]
    public void TwoProportionZ_EmptySide_NoEvidence() => Assert.Equal((0.0, 1.0), Statistics.TwoProportionZ(0, 0, 3, 10));

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(-1.0, 1.8427007929497148)]
    [InlineData(3.0, 2.209049699858544e-05)]
    public void Erfc_KnownValues_WithinTheFitsError(double x, double expected) =>
        Assert.Equal(expected, Statistics.Erfc(x), expected * 1.2e-7 + 1e-12);

    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.8, 0.8416212335729143)]
    [InlineData(0.01, -2.3263478740408408)]
    [InlineData(0.5, 0.0)]
    public void NormalQuantile_KnownValues(double p, double expected) => Assert.Equal(expected, Statistics.NormalQuantile(p), 1e-8);

    [Fact]
    public void ImpressionsNeeded_TenToTwelvePercent_3841PerSide() => Assert.Equal(3841, Statistics.ImpressionsNeeded(0.10, 0.12));

    [Theory]
    [InlineData(0.05, 783)]
    [InlineData(0.10, 194)]
    public void PreferencesNeeded_KnownEffects(double effect, long expected) => Assert.Equal(expected, Statistics.PreferencesNeeded(effect));

    [Fact]
    public void PreferencesNeeded_SmallerEffect_NeedsMore() =>
        Assert.True(Statistics.PreferencesNeeded(0.02) > Statistics.PreferencesNeeded(0.05));

    [Fact]
    public void PreferencesNeeded_EffectOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.PreferencesNeeded(0.5));
}
