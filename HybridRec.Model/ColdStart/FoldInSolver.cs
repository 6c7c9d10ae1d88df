namespace HybridRec.Model.ColdStart;

/// <summary>How <see cref="HybridModel.FoldInUser"/> minimises the fold-in objectives (<see cref="FoldInOptions.Solver"/>).</summary>
public enum FoldInSolver
{
    /// <summary>
    /// Second-order (the default): Gauss-Newton on the rating rows (the prediction is piecewise linear in them: a ridge
    /// regression per ReLU pattern, <see cref="FoldInOptions.MaxIterations"/>) and, with a ranking head, quasi-Newton on the
    /// user_rank row (an exact Newton step from zero out of moments cached per model, then BFGS with one pass over the
    /// items per iteration, <see cref="FoldInOptions.MaxRankingPasses"/>, <see cref="FoldInOptions.RankingTolerance"/>).
    /// </summary>
    Newton = 0,

    /// <summary>
    /// Full-batch Adam from zero rows (the first implementation, kept as the reference): <see cref="FoldInOptions.Steps"/>
    /// steps on the rating rows and <see cref="FoldInOptions.RankingSteps"/> on the ranking row at
    /// <see cref="FoldInOptions.LearningRate"/>; 17–33× the cost of <see cref="Newton"/> on the tuned default model for up to 20 ratings.
    /// </summary>
    Adam = 1,
}
