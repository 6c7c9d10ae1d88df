using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Serialization;

public sealed class ModelFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hybridrec-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static HybridModel Train()
    {
        var data = SyntheticDataset.Create(users: 20, movies: 30, ratingsPerUser: 12);
        var split = SyntheticDataset.Split(data.Ratings, 0.2, 1);
        return HybridTrainer.Train(data, split.Train, new HybridModelOptions { EmbeddingSize = 6, UseBiases = true },
            new TrainingOptions { Epochs = 2, BatchSize = 16, ProgressInterval = 0 }).Model;
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
        Assert.Equal(model.Titles, loaded.Titles);
        Assert.Equal(model.Users.RawIds.ToArray(), loaded.Users.RawIds.ToArray());
        Assert.Equal(model.History.Movies, loaded.History.Movies);
        var users = Enumerable.Range(0, model.Users.Count).SelectMany(u => Enumerable.Range(0, model.Movies.Count).Select(_ => u)).ToArray();
        var movies = Enumerable.Range(0, model.Users.Count).SelectMany(_ => Enumerable.Range(0, model.Movies.Count)).ToArray();
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
