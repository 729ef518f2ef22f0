namespace LuceneReco.Rankers.Collaborative.Als;

/// <summary>Parameters of <see cref="ImplicitAlsModel"/> training.</summary>
public sealed record ImplicitAlsOptions
{
    /// <summary>Latent factors per user and item (f). <value>The default is 32.</value></summary>
    public int Factors { get; init; } = 32;

    /// <summary>The L2 regularisation lambda. <value>The default is 10 (MovieLens ratings as strengths: 10 to 30 did best).</value></summary>
    public double Regularization { get; init; } = 10;

    /// <summary>The confidence slope: <c>c_ui = 1 + alpha * r_ui</c> (Hu, Koren &amp; Volinsky 2008, eq. 3). <value>The default is 2.</value></summary>
    public double Alpha { get; init; } = 2;

    /// <summary>Full iterations (a user half-step and an item half-step each). <value>The default is 15.</value></summary>
    public int Iterations { get; init; } = 15;

    /// <summary>Conjugate-gradient steps per row and half-step, for <see cref="AlsSolver.ConjugateGradient"/>. <value>The default is 3.</value></summary>
    public int CgSteps { get; init; } = 3;

    /// <summary>How rows are solved. <value>The default is <see cref="AlsSolver.ConjugateGradient"/>.</value></summary>
    public AlsSolver Solver { get; init; } = AlsSolver.ConjugateGradient;

    /// <summary>Seed of the initial factors; training is deterministic for a seed whatever the thread count. <value>The default is 42.</value></summary>
    public int Seed { get; init; } = 42;

    /// <summary>Threads used for training. <value>The default is <c>null</c>: every core.</value></summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Reports every problem at once; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (Factors is < 1 or > 1024) errors.Add($"Factors must be 1 to 1024, got {Factors}");
        if (!double.IsFinite(Regularization) || Regularization <= 0) errors.Add($"Regularization must be > 0, got {Regularization}");
        if (!double.IsFinite(Alpha) || Alpha < 0) errors.Add($"Alpha must be >= 0, got {Alpha}");
        if (Iterations is < 0 or > 10_000) errors.Add($"Iterations must be 0 to 10000, got {Iterations}");
        if (CgSteps is < 1 or > 1024) errors.Add($"CgSteps must be 1 to 1024, got {CgSteps}");
        if (!Enum.IsDefined(Solver)) errors.Add($"Solver must be ConjugateGradient or Cholesky, got {Solver}");
        if (MaxDegreeOfParallelism is < 1) errors.Add($"MaxDegreeOfParallelism must be >= 1, got {MaxDegreeOfParallelism}");
        return errors;
    }
}
