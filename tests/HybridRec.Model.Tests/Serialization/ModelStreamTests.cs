using HybridRec.Model.Tests.Fuzzing;

namespace HybridRec.Model.Tests.Serialization;

/// <summary>Saving and loading through streams, synchronously and asynchronously, and the bounds a stream's reader holds to.</summary>
public sealed class ModelStreamTests : IDisposable
{
    private static readonly byte[] Seed = ModelFuzzSeeds.All.Single(s => s.Name == "ensemble-biases-user-tower").File;
    private static readonly HybridModel Model = HybridModel.Load(new MemoryStream(Seed), "seed");
    private readonly string _dir = Directory.CreateTempSubdirectory("hybridrec-stream-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void AssertSame(HybridModel expected, HybridModel actual)
    {
        Assert.Equal(expected.Members, actual.Members);
        Assert.Equal(expected.Options, actual.Options);
        Assert.Equal(expected.Users.RawIds.ToArray(), actual.Users.RawIds.ToArray());
        Assert.Equal(expected.History.Items, actual.History.Items);
        Assert.Equal(expected.Recommend(expected.Users.GetRawId(1), 4), actual.Recommend(actual.Users.GetRawId(1), 4));
    }

    [Fact]
    public async Task EveryWayOfSavingWritesTheSameBytesAndEveryWayOfLoadingReadsThem()
    {
        string path = Path.Combine(_dir, "sync.hrec"), asyncPath = Path.Combine(_dir, "async.hrec");
        Model.Save(path);
        await Model.SaveAsync(asyncPath);
        using var stream = new MemoryStream();
        Model.Save(stream);
        using var asyncStream = new MemoryStream();
        await Model.SaveAsync(asyncStream);
        Assert.Equal(Seed, File.ReadAllBytes(path));
        Assert.Equal(Seed, File.ReadAllBytes(asyncPath));
        Assert.Equal(Seed, stream.ToArray());
        Assert.Equal(Seed, asyncStream.ToArray());

        AssertSame(Model, HybridModel.Load(path));
        AssertSame(Model, await HybridModel.LoadAsync(path));
        AssertSame(Model, HybridModel.Load(new MemoryStream(Seed)));
        AssertSame(Model, await HybridModel.LoadAsync(new MemoryStream(Seed)));
        AssertSame(Model, HybridModel.Load(new NonSeekableStream(Seed, 1000)));
        AssertSame(Model, await HybridModel.LoadAsync(new NonSeekableStream(Seed, 1000)));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void AStreamCanHoldSeveralModelsOneAfterAnother()
    {
        var other = HybridModel.Load(new MemoryStream(ModelFuzzSeeds.All.Single(s => s.Name == "no-towers").File));
        using var stream = new MemoryStream();
        Model.Save(stream);
        other.Save(stream);
        stream.WriteByte(42);
        stream.Position = 0;
        AssertSame(Model, HybridModel.Load(stream));
        Assert.Equal(Seed.Length, stream.Position);   // left right after the first model's checksum
        AssertSame(other, HybridModel.Load(stream));
        Assert.Equal(42, stream.ReadByte());
    }

    [Fact]
    public async Task AFileMustEndAtItsChecksum()
    {
        string path = Path.Combine(_dir, "trailing.hrec");
        File.WriteAllBytes(path, [.. Seed, 1, 2, 3]);
        Assert.Equal($"'{path}' has 3 unexpected bytes after the checksum.", Assert.Throws<InvalidDataException>(() => HybridModel.Load(path)).Message);
        Assert.Equal($"'{path}' has 3 unexpected bytes after the checksum.", (await Assert.ThrowsAsync<InvalidDataException>(() => HybridModel.LoadAsync(path))).Message);
    }

    [Fact]
    public void ATruncatedStreamIsReportedAsTruncatedWhetherItCanSeekOrNot()
    {
        var cut = Seed[..(Seed.Length - 100)];
        Assert.Equal($"'cut' is truncated: {cut.Length:N0} bytes, expected {Seed.Length:N0}.",
            Assert.Throws<InvalidDataException>(() => HybridModel.Load(new MemoryStream(cut), "cut")).Message);
        Assert.Equal($"'cut' is truncated: it ends {cut.Length - 28:N0} bytes into its payload of {Seed.Length - 60:N0} bytes.",
            Assert.Throws<InvalidDataException>(() => HybridModel.Load(new NonSeekableStream(cut, 1000), "cut")).Message);
        var noChecksum = Seed[..(Seed.Length - 10)];
        Assert.Equal("'cut' is truncated: it ends 22 bytes into its 32-byte checksum.",
            Assert.Throws<InvalidDataException>(() => HybridModel.Load(new NonSeekableStream(noChecksum, 1000), "cut")).Message);
    }

    [Fact]
    public void AHugeDeclaredLengthAllocatesNothingItsBytesDoNotBack()
    {
        // A header that declares a 6 GB payload, and length fields inside that declare arrays of a billion values:
        // from a stream that cannot tell its length, memory must follow the bytes that actually arrive.
        var (payload, lengths) = ModelImage.Decode(Seed).Encode();
        BitConverter.TryWriteBytes(payload.AsSpan(lengths[0]), 1 << 30);
        var file = ModelImage.File(2, payload);
        BitConverter.TryWriteBytes(file.AsSpan(20), 6L << 30);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => HybridModel.Load(new NonSeekableStream(file, 1000), "huge"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.StartsWith("'huge' is truncated: it ends ", e.Message);
        Assert.True(allocated < 4 << 20, $"{allocated:N0} bytes allocated");
        // From a seekable stream the header's length is checked against the stream's before anything is read.
        Assert.StartsWith("'huge' is truncated: ", Assert.Throws<InvalidDataException>(() => HybridModel.Load(new MemoryStream(file), "huge")).Message);
    }

    [Fact]
    public async Task StreamArgumentsAndCancellationAreChecked()
    {
        Assert.Throws<ArgumentNullException>(() => HybridModel.Load((Stream)null!));
        Assert.Throws<ArgumentException>(() => Model.Save(new MemoryStream([], writable: false)));
        await Assert.ThrowsAsync<FileNotFoundException>(() => HybridModel.LoadAsync(Path.Combine(_dir, "missing.hrec")));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => HybridModel.LoadAsync(new NonSeekableStream(Seed, 1000), null, cancelled.Token));
        string path = Path.Combine(_dir, "cancelled.hrec");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Model.SaveAsync(path, cancelled.Token));
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
