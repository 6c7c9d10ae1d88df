using HybridRec.Data;
using HybridRec.Model;
using HybridRec.Model.Training;

namespace HybridRec.Serving.Tests.TestData;

/// <summary>
/// Two small models trained once per test run on <see cref="TinyMovies"/> (different seeds, so different
/// recommendations and file hashes), a third with a ranking head (the library's default shape), saved in a temporary
/// folder, and a file that is not a model.
/// </summary>
public sealed class TestModels : IDisposable
{
    public TestModels()
    {
        Folder = Directory.CreateTempSubdirectory("hybridrec-serving-tests-").FullName;
        Data = TinyMovies.Create();
        A = Train(Data, seed: 1);
        B = Train(Data, seed: 2);
        Ranked = TrainWithRankingHead(Data, seed: 3);
        PathA = Path.Combine(Folder, "a.hrec");
        PathB = Path.Combine(Folder, "b.hrec");
        PathRanked = Path.Combine(Folder, "ranked.hrec");
        A.Save(PathA);
        B.Save(PathB);
        Ranked.Save(PathRanked);
        Broken = Path.Combine(Folder, "broken.hrec");
        File.WriteAllText(Broken, "this is not a model file");
    }

    public string Folder { get; }

    public RatingDataset Data { get; }

    public HybridModel A { get; }

    public HybridModel B { get; }

    /// <summary>A model with a ranking head (Er 4, sampled softmax over 8 negatives): its lists rank by the head.</summary>
    public HybridModel Ranked { get; }

    public string PathA { get; }

    public string PathRanked { get; }

    public string PathB { get; }

    public string Broken { get; }

    /// <summary>A fresh copy of <paramref name="source"/> in its own folder (for tests that replace the file).</summary>
    public string CopyToNewFolder(string source)
    {
        string folder = Directory.CreateTempSubdirectory("hybridrec-serving-model-").FullName;
        string path = Path.Combine(folder, "model.hrec");
        File.Copy(source, path);
        return path;
    }

    /// <summary>Replaces <paramref name="target"/> the way HybridModel.Save does: a temporary file renamed over it.</summary>
    public static void ReplaceAtomically(string source, string target)
    {
        string temp = target + ".tmp-" + Guid.NewGuid().ToString("N");
        File.Copy(source, temp);
        File.Move(temp, target, overwrite: true);
    }

    /// <summary>A model without a ranking head: every user rates as many dramas as comedies, so a head (trained on which movies were rated, not how) cannot learn the taste groups the tests check; the rating output ranks by them.</summary>
    public static HybridModel Train(RatingDataset data, long seed) => Train(data, seed, rankingEmbeddingSize: 0, epochs: 40);

    /// <summary>As <see cref="Train(RatingDataset, long)"/>, with a small ranking head trained alongside (the tuned default's shape, scaled down: Er 4, 8 negatives).</summary>
    public static HybridModel TrainWithRankingHead(RatingDataset data, long seed) => Train(data, seed, rankingEmbeddingSize: 4, epochs: 10);

    private static HybridModel Train(RatingDataset data, long seed, int rankingEmbeddingSize, int epochs) =>
        HybridTrainer.Train(data, data.Ratings, HybridPresets.Tuned with
        {
            Model = HybridPresets.Tuned.Model with { EmbeddingSize = 6, NeuralWidth = 6, ItemTowerWidths = new Dictionary<string, int>(), TowerWidth = 2, RankingEmbeddingSize = rankingEmbeddingSize },
            // A high rate to learn the two taste groups; no validation part, so every rating is trained on.
            Training = HybridPresets.Tuned.Training with
            {
                Epochs = epochs, BatchSize = 32, EnsembleSize = 2, Seed = seed, ProgressInterval = 0, Adam = HybridPresets.Tuned.Training.Adam with { LearningRate = 0.01f },
                ValidationFraction = 0, Patience = null, RestoreBestEpoch = false, RefitOnAllData = false,
                Ranking = rankingEmbeddingSize > 0 ? HybridPresets.Tuned.Training.Ranking with { Negatives = 8 } : HybridPresets.Tuned.Training.Ranking,
            },
        }).Model;

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
