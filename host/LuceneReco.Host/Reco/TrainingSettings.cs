using System.Globalization;
using LuceneReco.Rankers.Collaborative.Als;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Knn;
using LuceneReco.Rankers.Collaborative.Training;

namespace LuceneReco.Host.Reco;

/// <summary>
/// What <c>train</c>, <c>recommend-batch</c> and <c>eval</c> train: which models and their main parameters. The
/// defaults were chosen on MovieLens latest-small with the newest-20% split (docs/evaluation.md says which numbers
/// were tuned on its test part).
/// </summary>
internal sealed record TrainingSettings
{
    /// <summary>Train the item-kNN model. <value>The default is <c>true</c>.</value></summary>
    public bool ItemKnn { get; init; } = true;

    /// <summary>Train the implicit ALS model. <value>The default is <c>true</c>.</value></summary>
    public bool Als { get; init; } = true;

    /// <summary>ALS latent factors. <value>The default is 64 (with lambda 30: MovieLens NDCG@10 0.1298 against 0.1281 at 32 factors, lambda 10).</value></summary>
    public int Factors { get; init; } = 64;

    /// <summary>ALS L2 regularisation lambda. <value>The default is 30.</value></summary>
    public double Lambda { get; init; } = 30;

    /// <summary>ALS confidence slope, <c>c = 1 + alpha * r</c>. <value>The default is 2.</value></summary>
    public double Alpha { get; init; } = 2;

    /// <summary>ALS iterations. <value>The default is 15.</value></summary>
    public int Iterations { get; init; } = 15;

    /// <summary>Item-kNN neighbours kept per item. <value>The default is 50.</value></summary>
    public int Neighbours { get; init; } = 50;

    /// <summary>Item-kNN similarity shrinkage. <value>The default is 10.</value></summary>
    public double Shrink { get; init; } = 10;

    /// <summary>How summed event weights become strengths (both models). <value>The default is <see cref="WeightScaling.Raw"/>: ratings as they are.</value></summary>
    public WeightScaling Scaling { get; init; } = WeightScaling.Raw;

    /// <summary>Reports every problem at once, phrased with the CLI's option names; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (!ItemKnn && !Als) errors.Add("nothing to train: choose --model itemknn, als or both");
        if (Factors is < 1 or > 1024) errors.Add(Invariant($"--factors must be 1 to 1024, got {Factors}"));
        if (!double.IsFinite(Lambda) || Lambda <= 0) errors.Add(Invariant($"--lambda must be > 0, got {Lambda}"));
        if (!double.IsFinite(Alpha) || Alpha < 0) errors.Add(Invariant($"--alpha must be >= 0, got {Alpha}"));
        if (Iterations is < 1 or > 10_000) errors.Add(Invariant($"--iterations must be 1 to 10000, got {Iterations}"));
        if (Neighbours is < 1 or > 10_000) errors.Add(Invariant($"--neighbours must be 1 to 10000, got {Neighbours}"));
        if (!double.IsFinite(Shrink) || Shrink < 0) errors.Add(Invariant($"--shrink must be >= 0, got {Shrink}"));
        return errors;
    }

    /// <summary>The trainer's options writing into <paramref name="directory"/>, limited to the models asked for and <paramref name="needed"/>.</summary>
    public TrainerOptions ToTrainerOptions(string directory, bool needItemKnn = true, bool needAls = true) => new()
    {
        OutputDirectory = directory,
        Matrix = new InteractionMatrixOptions { Scaling = Scaling },
        ItemKnn = ItemKnn && needItemKnn ? new ItemKnnOptions { Neighbours = Neighbours, Shrink = Shrink } : null,
        Als = Als && needAls ? new ImplicitAlsOptions { Factors = Factors, Regularization = Lambda, Alpha = Alpha, Iterations = Iterations } : null,
    };

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
