using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Serialization;

public sealed class ModelFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hybridrec-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static HybridModel Train()
    {
        var data = SyntheticDataset.Create(users: 20, movies: 30, ratingsPerUser: 12, segments: 3);
        var split = SyntheticDataset.Split(data.Ratings, 0.2, 1);
        var options = TestOptions.Model with
        {
            EmbeddingSize = 6, UseBiases = true, UserFeatureGroups = null, ItemFeatureGroups = ["tags", "genres"],
            ItemTowerWidths = new Dictionary<string, int> { ["tags"] = 2 }, UserTowerWidths = new Dictionary<string, int> { ["segment"] = 4 },
        };
        return HybridTrainer.Train(data, split.Train, options,
            TestOptions.Training with { Epochs = 2, BatchSize = 16, ProgressInterval = 0 }).Model;
    }

    [Fact]
    public void RoundTripGivesIdenticalPredictionsAndMetadata()
    {
        var model = Train();
        string path = Path.Combine(_dir, "model.hrec");
        model.Save(path);
        var loaded = HybridModel.Load(path);

        Assert.Equal(model.Members, loaded.Members);
        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.Scale, loaded.Scale);
        Assert.Equal(model.GlobalOffset, loaded.GlobalOffset);
        Assert.Equal(model.ItemNames, loaded.ItemNames);
        // Version 2 and later store the towers' feature groups generically, user groups included, in tower order (version 3 adds the ranking head, version 4 the rating blend).
        Assert.Equal(4, BitConverter.ToInt32(File.ReadAllBytes(path), 16));
        Assert.Equal(["tags", "genres"], loaded.ItemFeatures.Names);
        Assert.Equal(["segment"], loaded.UserFeatures.Names);
        foreach (var (saved, read) in model.ItemFeatures.Concat(model.UserFeatures).Zip(loaded.ItemFeatures.Concat(loaded.UserFeatures)))
        {
            Assert.Equal((saved.Name, saved.Kind), (read.Name, read.Kind));
            Assert.Equal(saved.Vocabulary, read.Vocabulary);
            Assert.Equal(saved.Values.Offsets, read.Values.Offsets);
            Assert.Equal(saved.Values.Indices, read.Values.Indices);
        }
        Assert.Equal([2, 3, 4], loaded.Layout.Towers.Select(t => t.Width));   // tags 2, genres E/2 = 3, segment 4
        Assert.Equal(model.Users.RawIds.ToArray(), loaded.Users.RawIds.ToArray());
        Assert.Equal(model.History.Items, loaded.History.Items);
        var users = Enumerable.Range(0, model.Users.Count).SelectMany(u => Enumerable.Range(0, model.Items.Count).Select(_ => u)).ToArray();
        var movies = Enumerable.Range(0, model.Users.Count).SelectMany(_ => Enumerable.Range(0, model.Items.Count)).ToArray();
        float[] a = new float[users.Length], b = new float[users.Length];
        model.PredictNormalized(users, movies, a);
        loaded.PredictNormalized(users, movies, b);
        Assert.Equal(a, b);
        Assert.Equal(model.Recommend(model.Users.GetRawId(0), 5), loaded.Recommend(loaded.Users.GetRawId(0), 5));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp")); // the atomic write left no temp file
    }

    [Fact]
    public void TruncatedCorruptedAndForeignFilesGiveClearErrors()
    {
        var model = Train();
        string path = Path.Combine(_dir, "model.hrec");
        model.Save(path);
        byte[] bytes = File.ReadAllBytes(path);

        string truncated = Path.Combine(_dir, "truncated.hrec");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => HybridModel.Load(truncated)).Message);

        string corrupted = Path.Combine(_dir, "corrupted.hrec");
        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(corrupted, flipped);
        Assert.Contains("corrupted", Assert.Throws<InvalidDataException>(() => HybridModel.Load(corrupted)).Message);

        string foreign = Path.Combine(_dir, "foreign.hrec");
        File.WriteAllText(foreign, "userId,movieId,rating,timestamp\n1,1,4.0,0\n");
        Assert.Contains("not a HybridRec model", Assert.Throws<InvalidDataException>(() => HybridModel.Load(foreign)).Message);

        string newer = Path.Combine(_dir, "newer.hrec");
        var versioned = (byte[])bytes.Clone();
        BitConverter.TryWriteBytes(versioned.AsSpan(16, 4), 99);
        File.WriteAllBytes(newer, versioned);
        Assert.Contains("version 99", Assert.Throws<InvalidDataException>(() => HybridModel.Load(newer)).Message);

        Assert.Throws<FileNotFoundException>(() => HybridModel.Load(Path.Combine(_dir, "missing.hrec")));
    }

    [Fact]
    public void SavingOverAnExistingFileReplacesItAtomically()
    {
        var model = Train();
        string path = Path.Combine(_dir, "model.hrec");
        File.WriteAllText(path, "old contents");
        model.Save(path);
        Assert.Equal(model.Members, HybridModel.Load(path).Members);
    }
}
