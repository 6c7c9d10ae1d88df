namespace HybridRec.Model.Scoring;

/// <summary>
/// One member's rows of a user that is not in the parameter block (a folded-in user), with its serving-form terms.
/// </summary>
/// <param name="Cf">The collaborative embedding p1.  // (E)</param>
/// <param name="Nn">The neural embedding p2.  // (E)</param>
/// <param name="Bias">The user bias bu (0 without biases).</param>
/// <param name="Hidden">a = bn + Wn[:, :E]·p2, the user's half of the neural pre-activation.  // (Hn)</param>
/// <param name="Constant">cu = bu + Σ user towers w_g·h_g.</param>
/// <param name="Rank">The ranking head's user row p3 (Er), empty without a head.</param>
internal sealed record UserRows(float[] Cf, float[] Nn, float Bias, float[] Hidden, float Constant, float[] Rank);
