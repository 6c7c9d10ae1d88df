using HybridRec.Data.Synthetic;
using Xunit;

namespace HybridRec.Data.Tests.Synthetic;

/// <summary>The hidden model must be learnable: simple models fit the generated ratings far better than a constant.</summary>
public sealed class SyntheticLearnabilityTests(StandardDataset data) : IClassFixture<StandardDataset>
{
    [Fact]
    public void User_and_movie_means_beat_the_global_mean_on_held_out_ratings()
    {
        var (train, test) = Split(data.Ratings);
        double mu = train.Average(r => r.Stars);
        var (userBias, movieBias) = Biases(train, mu);
        double global = Rmse(test, _ => mu);
        double baseline = Rmse(test, r => mu + userBias.GetValueOrDefault(r.User) + movieBias.GetValueOrDefault(r.Movie));
        Assert.InRange(global, 0.85, 1.2); // MovieLens: about 1.05
        Assert.True(baseline < 0.9 * global, $"baseline RMSE {baseline:0.000} vs global mean {global:0.000}");
    }

    [Fact]
    public void Latent_factors_are_learnable_beyond_the_biases()
    {
        // Less noise and a stronger interaction than the defaults, so that 60k ratings show the factor structure clearly.
        var options = new SyntheticOptions
        {
            Users = 600, Movies = 400, Ratings = 60_000, Seed = 3, NoiseStd = 0.3, InteractionStd = 0.8, GenreEffectStd = 0,
            MoviePopularityExponent = 1.0, TagApplications = 0,
        };
        using var dir = new TempDirectory();
        SyntheticCsv.Generate(options, dir.Path);
        var (train, test) = Split(SyntheticCsv.ReadRatings(dir.Path));
        double mu = train.Average(r => r.Stars);
        var (userBias, movieBias) = Biases(train, mu);
        double baseline = Rmse(test, r => mu + userBias.GetValueOrDefault(r.User) + movieBias.GetValueOrDefault(r.Movie));

        var mf = MatrixFactorization.Fit(train, options.Users, options.Movies, rank: 8, epochs: 25, mu);
        double factors = Rmse(test, r => mf.Predict(r.User, r.Movie));
        Assert.True(factors < 0.85 * baseline, $"rank-8 model RMSE {factors:0.000} vs biases {baseline:0.000}");
    }

    private static (List<SyntheticCsv.Rating> Train, List<SyntheticCsv.Rating> Test) Split(List<SyntheticCsv.Rating> ratings)
    {
        var train = new List<SyntheticCsv.Rating>();
        var test = new List<SyntheticCsv.Rating>();
        for (int i = 0; i < ratings.Count; i++) (i % 5 == 0 ? test : train).Add(ratings[i]);
        return (train, test);
    }

    /// <summary>Damped per-movie then per-user mean residuals (the classic baseline predictor).</summary>
    private static (Dictionary<int, double> User, Dictionary<int, double> Movie) Biases(List<SyntheticCsv.Rating> train, double mu)
    {
        const double damping = 5;
        var movie = train.GroupBy(r => r.Movie).ToDictionary(g => g.Key, g => g.Sum(r => r.Stars - mu) / (g.Count() + damping));
        var user = train.GroupBy(r => r.User).ToDictionary(g => g.Key, g => g.Sum(r => r.Stars - mu - movie[r.Movie]) / (g.Count() + damping));
        return (user, movie);
    }

    private static double Rmse(List<SyntheticCsv.Rating> ratings, Func<SyntheticCsv.Rating, double> predict) =>
        Math.Sqrt(ratings.Average(r => Math.Pow(Math.Clamp(predict(r), 0.5, 5.0) - r.Stars, 2)));

    /// <summary>Biased matrix factorisation trained by plain SGD (Funk SVD), just enough to test learnability.</summary>
    private sealed class MatrixFactorization
    {
        private double _mu;
        private double[] _bu = [], _bm = [], _p = [], _q = [];
        private int _rank;

        public static MatrixFactorization Fit(List<SyntheticCsv.Rating> train, int users, int movies, int rank, int epochs, double mu)
        {
            var rng = new SeededRandom(1);
            var mf = new MatrixFactorization
            {
                _mu = mu, _rank = rank, _bu = new double[users + 1], _bm = new double[movies + 1],
                _p = new double[(users + 1) * rank], _q = new double[(movies + 1) * rank],
            };
            for (int i = 0; i < mf._p.Length; i++) mf._p[i] = 0.1 * rng.NextGaussian();
            for (int i = 0; i < mf._q.Length; i++) mf._q[i] = 0.1 * rng.NextGaussian();
            var order = Enumerable.Range(0, train.Count).ToArray();
            const double lr = 0.01, reg = 0.05;
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                rng.Shuffle<int>(order);
                foreach (int i in order)
                {
                    var r = train[i];
                    double e = r.Stars - mf.Predict(r.User, r.Movie);
                    mf._bu[r.User] += lr * (e - reg * mf._bu[r.User]);
                    mf._bm[r.Movie] += lr * (e - reg * mf._bm[r.Movie]);
                    int pu = r.User * rank, qm = r.Movie * rank;
                    for (int f = 0; f < rank; f++)
                    {
                        double p = mf._p[pu + f], q = mf._q[qm + f];
                        mf._p[pu + f] += lr * (e * q - reg * p);
                        mf._q[qm + f] += lr * (e * p - reg * q);
                    }
                }
            }
            return mf;
        }

        public double Predict(int user, int movie)
        {
            double dot = 0;
            for (int f = 0; f < _rank; f++) dot += _p[user * _rank + f] * _q[movie * _rank + f];
            return _mu + _bu[user] + _bm[movie] + dot;
        }
    }
}
