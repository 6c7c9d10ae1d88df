using HybridRec.Data;
using HybridRec.Model;
using HybridRec.Model.Training;

namespace HybridRec.Serving.Tests.TestData;

/// <summary>
/// Two small models trained once per test run on <see cref="TinyMovies"/> (different seeds, so different
/// recommendations and file hashes), saved in a temporary folder, and a file that is not a model.
/// </summary>
public sealed class TestModels : IDisposable
{
    public TestModels()
    {
        Folder = Directory.CreateTempSubdirectory("hybridrec-serving-tests-").FullName;
        Data = TinyMovies.Create();
        A = Train(Data, seed: 1);
        B = Train(Data, seed: 2);
        PathA = Path.Combine(Folder, "a.hrec");
        PathB = Path.Combine(Folder, "b.hrec");
        A.Save(PathA);
        B.Save(PathB);
        Broken = Path.Combine(Folder, "broken.hrec");
        File.WriteAllText(Broken, "this is not a model file");
    }

    public string Folder { get; }

    public RatingDataset Data { get; }

    public HybridModel A { get; }

    public HybridModel B { get; }

    public string PathA { get; }

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

    public static HybridModel Train(RatingDataset data, long seed) =>
        HybridTrainer.Train(data, data.Ratings, HybridPresets.Tuned with
        {
            // No ranking head: every user rates as many dramas as comedies, so the head (trained on which movies were rated,
            // not how) cannot learn the taste groups the tests check; the rating output ranks by them.
            Model = HybridPresets.Tuned.Model with { EmbeddingSize = 6, NeuralWidth = 6, ItemTowerWidths = new Dictionary<string, int>(), TowerWidth = 2, RankingEmbeddingSize = 0 },
            // Enough steps at a high rate to learn the two taste groups; no validation part, so every rating is trained on.
            Training = HybridPresets.Tuned.Training with
            {
                Epochs = 40, BatchSize = 32, EnsembleSize = 2, Seed = seed, ProgressInterval = 0, Adam = HybridPresets.Tuned.Training.Adam with { LearningRate = 0.01f },
                ValidationFraction = 0, Patience = null, RestoreBestEpoch = false, RefitOnAllData = false,
            },
        }).Model;

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
