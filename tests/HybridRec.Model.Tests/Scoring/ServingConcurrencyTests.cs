using System.Collections.Concurrent;
using HybridRec.Data;
using HybridRec.Model.Backends;
using HybridRec.Model.Scoring;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Scoring;

/// <summary>
/// One loaded model serving many threads at once gives what it gives one thread; the serving form is built once
/// under contention, and a failure while building it is not kept: the next call builds it again.
/// </summary>
public sealed class ServingConcurrencyTests
{
    // 5,000 items: more than one prediction chunk, so Recommend runs its own parallel loop inside each thread's call.
    private static readonly Lazy<byte[]> File = new(() =>
    {
        var b = new RatingDatasetBuilder("concurrency") { Scale = RatingScale.HalfStars };
        b.DefineItemFeatureGroup("genres", FeatureKind.MultiHot);
        var rng = new SeededRandom(11);
        for (int m = 0; m < 5000; m++) b.AddItem(m + 1, $"Item {m + 1}").AddItemFeatures(m + 1, "genres", $"g{m % 7}");
        for (int u = 0; u < 24; u++)
            for (int k = 0; k < 20; k++) b.AddRating(u + 1, 1 + rng.NextInt(5000), 0.5f + rng.NextInt(10) * 0.5f);
        var data = b.Build();
        var options = new HybridModelOptions { EmbeddingSize = 4, NeuralWidth = 3, UserFeatureGroups = [] };
        int count = BackendSetup.Create(data, options, new AdamOptions(), 0f).Layout.Count;
        var members = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, count).Select(_ => rng.NextSingle() - 0.5f).ToArray()).ToList();
        using var ms = new MemoryStream();
        HybridModel.Create(data, data.Ratings, options, 0.55f, members).Save(ms);
        return ms.ToArray();
    });

    private static HybridModel Load() => HybridModel.Load(new MemoryStream(File.Value), "concurrency.hrec");

    [Fact]
    public void ManyThreadsOnOneModelGetWhatOneThreadGets()
    {
        var reference = Load();
        var users = Enumerable.Range(0, reference.Users.Count).Select(reference.Users.GetRawId).ToArray();
        var items = Enumerable.Range(0, 60).Select(k => reference.Items.GetRawId(k * 83)).ToArray();
        var expectedRecommendations = users.ToDictionary(u => u, u => reference.Recommend(u, 10));
        var expectedStars = users.ToDictionary(u => u, u => items.Select(m => reference.PredictStars(u, m)).ToArray());

        var served = Load();   // its serving form is not built yet: the threads race to build it
        int builds = 0;
        served.BeforeServingFormBuild = () => Interlocked.Increment(ref builds);
        const int threads = 8;
        var start = new Barrier(threads);
        var mismatches = new ConcurrentBag<string>();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int round = 0; round < 3; round++)
                for (int k = 0; k < users.Length; k++)
                {
                    int user = users[(k + 5 * t) % users.Length];
                    if (t % 2 == 0 && !served.Recommend(user, 10).SequenceEqual(expectedRecommendations[user])) mismatches.Add($"thread {t}: Recommend({user})");
                    var stars = items.Select(m => served.PredictStars(user, m)).ToArray();
                    if (!stars.SequenceEqual(expectedStars[user])) mismatches.Add($"thread {t}: PredictStars({user}, …)");
                }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        Assert.Empty(mismatches);
        Assert.Equal(1, builds);
    }

    [Fact]
    public void AFailureWhileBuildingTheServingFormIsRetriedOnTheNextCall()
    {
        var reference = Load();
        int user = reference.Users.GetRawId(3), item = reference.Items.GetRawId(42);
        var model = Load();
        int attempts = 0;
        model.BeforeServingFormBuild = () =>
        {
            if (++attempts == 1) throw new OutOfMemoryException("injected: the first build runs out of memory");
        };
        Assert.Equal("injected: the first build runs out of memory", Assert.Throws<OutOfMemoryException>(() => model.PredictStars(user, item)).Message);
        Assert.Equal(reference.PredictStars(user, item), model.PredictStars(user, item));
        Assert.Equal(reference.Recommend(user, 5), model.Recommend(user, 5));
        Assert.Equal(2, attempts);
    }

    [Fact]
    public void ARetryingLazyBuildsAgainAfterAFailureAndOnceAfterASuccess()
    {
        int calls = 0;
        var lazy = new RetryingLazy<object>(() => ++calls <= 2 ? throw new InvalidOperationException($"transient {calls}") : new object());
        Assert.Equal("transient 1", Assert.Throws<InvalidOperationException>(() => lazy.Value).Message);
        Assert.False(lazy.IsValueCreated);
        Assert.Equal("transient 2", Assert.Throws<InvalidOperationException>(() => lazy.Value).Message);
        var value = lazy.Value;
        Assert.True(lazy.IsValueCreated);
        Assert.Same(value, lazy.Value);
        Assert.Equal(3, calls);
    }

    [Fact]
    public void ThreadsWaitingOnAFailedBuildRetryAndAllGetTheOneValue()
    {
        int calls = 0, successes = 0;
        var lazy = new RetryingLazy<object>(() =>
        {
            Thread.Sleep(20);
            if (Interlocked.Increment(ref calls) == 1) throw new InvalidOperationException("transient");
            Interlocked.Increment(ref successes);
            return new object();
        });
        const int threads = 8;
        var start = new Barrier(threads);
        var values = new object[threads];
        var failures = new int[threads];
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            while (values[t] is null)
            {
                try { values[t] = lazy.Value; }
                catch (InvalidOperationException) { failures[t]++; }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        Assert.Equal(1, successes);
        Assert.Equal(2, calls);
        Assert.Equal(1, failures.Sum());
        Assert.All(values, v => Assert.Same(values[0], v));
    }
}
