using HybridRec.Data;

namespace HybridRec.Model.Tuning;

/// <summary>
/// The density a TPE sampler fits to one parameter's values in one group of trials (good or bad), as in
/// Optuna's univariate TPE. Values are the parameter's own (not transformed); choice parameters use the value
/// itself too.
/// </summary>
internal abstract class ParzenEstimator
{
    /// <summary>Draws one value of the parameter.</summary>
    public abstract double Sample(SeededRandom rng);

    /// <summary>Log density (log probability for integers and choices) of a legal value.</summary>
    public abstract double LogDensity(double value);

    /// <summary>Fits the estimator of <paramref name="parameter"/> to <paramref name="observations"/>, ordered oldest first.</summary>
    public static ParzenEstimator Fit(SearchParameter parameter, IReadOnlyList<double> observations, TpeOptions options) =>
        parameter switch
        {
            ChoiceParameter c => new CategoricalParzenEstimator(c, observations, options),
            IntParameter i => new NumericParzenEstimator(observations, i.Min, i.Max, i.Log, isInteger: true, options),
            FloatParameter f => new NumericParzenEstimator(observations, f.Min, f.Max, f.Log, isInteger: false, options),
            _ => throw new ArgumentException($"Unsupported parameter type {parameter.GetType().Name}.", nameof(parameter)),
        };

    /// <summary>
    /// Mixture weights of <paramref name="n"/> observations ordered oldest first (Optuna's default): all 1 up to 25
    /// observations; beyond that the newest 25 weigh 1 and the older ones ramp linearly from 1/n up towards 1.
    /// </summary>
    public static double[] ObservationWeights(int n)
    {
        var w = new double[n];
        if (n < 25)
        {
            Array.Fill(w, 1.0);
            return w;
        }
        int ramp = n - 25;
        for (int i = 0; i < ramp; i++)
            w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
        for (int i = ramp; i < n; i++) w[i] = 1.0;
        return w;
    }

    /// <summary>Observation weights followed by the prior's weight, normalised to sum 1 (just the prior when there are none).</summary>
    protected static double[] MixtureWeights(int n, double priorWeight)
    {
        if (n == 0) return [1.0];
        double[] obs = ObservationWeights(n);
        var w = new double[n + 1];
        obs.CopyTo(w, 0);
        w[n] = priorWeight;
        double sum = w.Sum();
        for (int i = 0; i <= n; i++) w[i] /= sum;
        return w;
    }

    /// <summary>Index drawn with probability proportional to <paramref name="weights"/> (which sum to 1).</summary>
    protected static int Pick(SeededRandom rng, double[] weights)
    {
        double u = rng.NextDouble(), cumulative = 0;
        for (int i = 0; i < weights.Length - 1; i++)
        {
            cumulative += weights[i];
            if (u < cumulative) return i;
        }
        return weights.Length - 1;
    }
}

/// <summary>
/// A mixture of truncated Gaussians, one per observation plus a wide prior at the centre of the range, in log space
/// for log-scale parameters. Integers are discrete: each integer owns the cell [v − ½, v + ½] (mapped to log space
/// when logarithmic), the density of a value is its cell's mass, and draws are rounded.
/// </summary>
internal sealed class NumericParzenEstimator : ParzenEstimator
{
    private readonly double _min, _max;     // the parameter's own bounds
    private readonly double _low, _high;    // bounds in the transformed space (cells included for integers)
    private readonly bool _log, _isInteger;
    private readonly double[] _mu, _sigma, _weights;
    private readonly double[] _logWeightOverMass; // log w_k − log(mass of N(μ_k, σ_k) in [low, high])

    public NumericParzenEstimator(IReadOnlyList<double> observations, double min, double max, bool log, bool isInteger, TpeOptions options)
    {
        _min = min; _max = max; _log = log; _isInteger = isInteger;
        _low = isInteger ? Transform(min - 0.5) : Transform(min);
        _high = isInteger ? Transform(max + 0.5) : Transform(max);
        double range = _high - _low;
        int n = observations.Count;

        // Observations then the prior; bandwidths from neighbour distances as in Optuna (univariate).
        _mu = new double[n + 1];
        for (int i = 0; i < n; i++) _mu[i] = Transform(observations[i]);
        _mu[n] = 0.5 * (_low + _high);
        _sigma = NeighbourBandwidths(_mu, _low, _high, options.ConsiderEndpoints);
        double maxSigma = range;
        double minSigma = options.ConsiderMagicClip ? range / Math.Min(100.0, 1.0 + n + 1) : 1e-12;
        for (int i = 0; i < n; i++) _sigma[i] = Math.Clamp(_sigma[i], minSigma, maxSigma);
        _sigma[n] = range;

        _weights = MixtureWeights(n, options.PriorWeight);
        if (n == 0) { _mu = [_mu[n]]; _sigma = [_sigma[n]]; }
        _logWeightOverMass = new double[_mu.Length];
        for (int k = 0; k < _mu.Length; k++)
            _logWeightOverMass[k] = Math.Log(_weights[k])
                - Gaussian.LogMass((_low - _mu[k]) / _sigma[k], (_high - _mu[k]) / _sigma[k]);
    }

    private double Transform(double v) => _log ? Math.Log(v) : v;

    /// <summary>
    /// Each centre's bandwidth: the larger gap to its sorted neighbours, the range ends counting as neighbours;
    /// without <paramref name="considerEndpoints"/> the lowest and highest centres use their inner gap only.
    /// </summary>
    private static double[] NeighbourBandwidths(double[] mus, double low, double high, bool considerEndpoints)
    {
        int m = mus.Length;
        int[] order = Enumerable.Range(0, m).ToArray();
        Array.Sort(order, (a, b) => mus[a] != mus[b] ? mus[a].CompareTo(mus[b]) : a.CompareTo(b)); // stable
        var e = new double[m + 2];
        e[0] = low;
        for (int i = 0; i < m; i++) e[i + 1] = mus[order[i]];
        e[m + 1] = high;
        var sorted = new double[m];
        for (int i = 0; i < m; i++) sorted[i] = Math.Max(e[i + 1] - e[i], e[i + 2] - e[i + 1]);
        if (!considerEndpoints && m >= 2)
        {
            sorted[0] = e[2] - e[1];
            sorted[m - 1] = e[m] - e[m - 1];
        }
        var sigmas = new double[m];
        for (int i = 0; i < m; i++) sigmas[order[i]] = sorted[i];
        return sigmas;
    }

    public override double Sample(SeededRandom rng)
    {
        int k = Pick(rng, _weights);
        double t = Gaussian.SampleTruncated(rng, _mu[k], _sigma[k], _low, _high);
        double v = _log ? Math.Exp(t) : t;
        if (_isInteger) v = Math.Round(v);
        return Math.Clamp(v, _min, _max);
    }

    public override double LogDensity(double value)
    {
        Span<double> terms = _mu.Length <= 128 ? stackalloc double[_mu.Length] : new double[_mu.Length];
        if (_isInteger)
        {
            double a = Transform(value - 0.5), b = Transform(value + 0.5);
            for (int k = 0; k < _mu.Length; k++)
                terms[k] = _logWeightOverMass[k] + Gaussian.LogMass((a - _mu[k]) / _sigma[k], (b - _mu[k]) / _sigma[k]);
        }
        else
        {
            double t = Transform(value);
            for (int k = 0; k < _mu.Length; k++)
                terms[k] = _logWeightOverMass[k] - Math.Log(_sigma[k]) + Gaussian.LogPdf((t - _mu[k]) / _sigma[k]);
        }
        return Gaussian.LogSumExp(terms);
    }
}

/// <summary>
/// A mixture of categorical distributions as in Optuna: each observation contributes a kernel with mass 1 on its
/// own value plus <c>priorWeight / (n + 1)</c> on every value (normalised), and the prior kernel is uniform. The
/// mixture collapses to one probability per value.
/// </summary>
internal sealed class CategoricalParzenEstimator : ParzenEstimator
{
    private readonly ChoiceParameter _parameter;
    private readonly double[] _probabilities;

    public CategoricalParzenEstimator(ChoiceParameter parameter, IReadOnlyList<double> observations, TpeOptions options)
    {
        _parameter = parameter;
        int choices = parameter.Values.Count, n = observations.Count;
        _probabilities = new double[choices];
        double[] weights = MixtureWeights(n, options.PriorWeight);
        if (n == 0)
        {
            Array.Fill(_probabilities, 1.0 / choices);
            return;
        }
        double smoothing = options.PriorWeight / (n + 1);
        double kernelTotal = smoothing * choices + 1.0;
        for (int i = 0; i < n; i++)
        {
            int observed = parameter.IndexOf(observations[i]);
            for (int c = 0; c < choices; c++)
                _probabilities[c] += weights[i] * (smoothing + (c == observed ? 1.0 : 0.0)) / kernelTotal;
        }
        for (int c = 0; c < choices; c++) _probabilities[c] += weights[n] / choices;
    }

    public override double Sample(SeededRandom rng) => _parameter.Values[Pick(rng, _probabilities)];

    public override double LogDensity(double value) => Math.Log(_probabilities[_parameter.IndexOf(value)]);
}
