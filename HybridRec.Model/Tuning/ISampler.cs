namespace HybridRec.Model.Tuning;

/// <summary>Proposes the parameters of the next trial of a search.</summary>
public interface ISampler
{
    /// <summary>
    /// Returns the parameters for trial number <c>history.Count</c>. Implementations in this library are pure
    /// functions of their construction arguments (search space, seed, options) and <paramref name="history"/>:
    /// the same history always gives the same suggestion.
    /// </summary>
    /// <param name="history">The trials finished so far, in order.</param>
    TrialParameters Suggest(IReadOnlyList<TrialResult> history);
}
