namespace LuceneReco.Rankers.Collaborative.Als;

/// <summary>How each ALS half-step solves a row's normal equations.</summary>
public enum AlsSolver
{
    /// <summary>A few conjugate-gradient steps warm-started from the previous factors (Takács, Pilászy &amp; Tikk 2011): O(n f) per step.</summary>
    ConjugateGradient,

    /// <summary>The exact solve by Cholesky factorisation: O(n f^2 + f^3) per row.</summary>
    Cholesky,
}
