using System.Buffers.Binary;

namespace HybridRec.Model.Serialization;

/// <summary>
/// The model file format (little-endian):
/// <code>
/// magic    16 bytes  "HYBRIDREC-MODEL" + NUL
/// version  int32     format version (4; versions 1 to 3 are still read)
/// length   int64     payload length in bytes
/// payload            version 4: as version 3, the options JSON carrying RankingRatingBlend (β of the ranking score);
///                    version 3: as version 2, the options JSON carrying RankingEmbeddingSize (the ranking head's
///                    slices are in the parameter sets when it is above 0);
///                    version 2: options (JSON, no ranking head), dataset name, rating scale, global offset, user and item id maps,
///                    item names, the item feature groups and the user feature groups of the towers (each: name,
///                    kind, vocabulary, rows in CSR form), user histories, one parameter set per ensemble member;
///                    version 1 (before feature groups): options (JSON with GenreWidth/TagWidth), dataset name,
///                    scale, offset, id maps, titles, genre and tag features, histories, parameter sets
/// checksum 32 bytes  SHA-256 of the payload
/// </code>
/// Version-1 and version-2 files load as models without a ranking head (whatever today's default); files of versions 1
/// to 3 load with a rating blend of 0 (their models ranked by the head alone). A version-1 file loads as a model whose item towers are over the groups <c>genres</c> and <c>tags</c> with the
/// widths of its options and which has no user towers; its parameter vectors are vectors of that layout.
/// <para>
/// Saving streams the payload (no size limit besides the format's int32 array lengths): a first pass counts its
/// bytes for the header, a second writes and hashes them. Files are written to a temporary file in the target
/// directory and renamed over the target, so a crash never leaves a half-written model.
/// </para>
/// <para>
/// Loading streams the payload too, hashing it as it is read, and allocates nothing from a declared length that the
/// bytes left cannot hold. It checks, in this order: magic, version, length (against the file's size, or a seekable
/// stream's), the payload's structure, the checksum, and then the meaning of the contents: options, rating scale,
/// global offset, ids strictly ascending, item names, feature groups, user histories, ensemble size (1 to 1,024),
/// parameter counts against the layout and every parameter finite. Every failure is an
/// <see cref="InvalidDataException"/> whose message starts with the quoted file (or stream) name and says what is
/// wrong: <c>'model.hrec' is truncated: …</c>, <c>'model.hrec' is corrupted: its checksum does not match its
/// contents.</c>, <c>'model.hrec' is not a valid HybridRec model: user ids: id 7 at index 3 follows id 9: …</c>. When
/// the structure is broken and the checksum is wrong too, the file is reported corrupted. A loaded model predicts
/// finite values.
/// </para>
/// </summary>
internal static class ModelFile
{
    /// <summary>The 16-byte magic at the start of every model file.</summary>
    public static ReadOnlySpan<byte> Magic => "HYBRIDREC-MODEL\0"u8;

    /// <summary>The format version this library writes.</summary>
    public const int FormatVersion = 4;

    /// <summary>The oldest format version this library reads.</summary>
    public const int OldestReadableVersion = 1;

    private const int HeaderLength = 16 + 4 + 8;
    private const int ChecksumLength = 32;
    private const string StreamName = "stream";

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(HybridModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream => Complete(WriteAsync(model, stream, async: false, default)));
    }

    /// <summary>Writes <paramref name="model"/> to <paramref name="stream"/> at its position (the stream is not closed).</summary>
    public static void Save(HybridModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckWritable(stream);
        Complete(WriteAsync(model, stream, async: false, default));
    }

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically, asynchronously.</summary>
    public static Task SaveAsync(HybridModel model, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return AtomicFile.WriteAsync(path, (stream, token) => WriteAsync(model, stream, async: true, token).AsTask(), cancellationToken);
    }

    /// <summary>Writes <paramref name="model"/> to <paramref name="stream"/> at its position, asynchronously (the stream is not closed).</summary>
    public static Task SaveAsync(HybridModel model, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckWritable(stream);
        return WriteAsync(model, stream, async: true, cancellationToken).AsTask();
    }

    /// <summary>
    /// Reads a model file. A missing file throws <see cref="FileNotFoundException"/>; anything wrong with its
    /// contents throws <see cref="InvalidDataException"/> naming the file and the problem (see <see cref="ModelFile"/>);
    /// the operating system's read errors propagate as <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>.
    /// </summary>
    public static HybridModel Load(string path)
    {
        using var stream = OpenForReading(path, FileOptions.SequentialScan);
        return Complete(ReadAsync(stream, path, wholeStream: true, async: false, default));
    }

    /// <summary>
    /// Reads one model from <paramref name="stream"/>, from its position to the end of the model's checksum (bytes after
    /// it are left unread); errors as <see cref="Load(string)"/>, naming <paramref name="sourceName"/> (default
    /// <c>stream</c>). A stream that can seek has the header's length checked against its own before the payload is read.
    /// </summary>
    public static HybridModel Load(Stream stream, string? sourceName = null)
    {
        CheckReadable(stream);
        return Complete(ReadAsync(stream, sourceName ?? StreamName, wholeStream: false, async: false, default));
    }

    /// <summary>As <see cref="Load(string)"/>, reading asynchronously.</summary>
    public static Task<HybridModel> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = OpenForReading(path, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return LoadAndDisposeAsync(stream, path, cancellationToken);
    }

    /// <summary>As <see cref="Load(Stream, string?)"/>, reading asynchronously.</summary>
    public static Task<HybridModel> LoadAsync(Stream stream, string? sourceName = null, CancellationToken cancellationToken = default)
    {
        CheckReadable(stream);
        return ReadAsync(stream, sourceName ?? StreamName, wholeStream: false, async: true, cancellationToken).AsTask();
    }

    private static async Task<HybridModel> LoadAndDisposeAsync(FileStream stream, string path, CancellationToken cancellationToken)
    {
        await using (stream)
            return await ReadAsync(stream, path, wholeStream: true, async: true, cancellationToken);
    }

    private static async ValueTask WriteAsync(HybridModel model, Stream stream, bool async, CancellationToken cancellationToken)
    {
        long length;
        using (var counter = PayloadWriter.Counting())
        {
            await ModelPayload.WriteAsync(counter, model);
            length = counter.Length;
        }
        var header = new byte[HeaderLength];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(20), length);
        await WriteBytesAsync(stream, header, async, cancellationToken);
        using var writer = PayloadWriter.To(stream, async, cancellationToken);
        await ModelPayload.WriteAsync(writer, model);
        if (writer.Length != length) throw new InvalidOperationException($"the payload is {writer.Length:N0} bytes but {length:N0} were counted: was the model changed while it was saved?");
        await WriteBytesAsync(stream, writer.Hash(), async, cancellationToken);
        if (async) await stream.FlushAsync(cancellationToken);
        else stream.Flush();
    }

    private static async ValueTask<HybridModel> ReadAsync(Stream stream, string name, bool wholeStream, bool async, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderLength];
        int got = await ReadUpToAsync(stream, header, async, cancellationToken);
        if (got < Magic.Length || !header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw Invalid(name, "is not a HybridRec model file (wrong magic bytes).");
        if (got < HeaderLength)
            throw Invalid(name, $"is truncated: {got} bytes, shorter than the {HeaderLength}-byte header.");
        int version = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(16));
        if (version < OldestReadableVersion || version > FormatVersion)
            throw Invalid(name, $"has model format version {version}; this library reads versions {OldestReadableVersion} to {FormatVersion}" +
                (version > FormatVersion ? " (the file was written by a newer HybridRec)." : "."));
        long length = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(20));
        if (length < 0) throw Invalid(name, $"is corrupted: its header declares a payload of {length:N0} bytes.");
        bool backed = false;
        if (stream.CanSeek)
        {
            long available = stream.Length - stream.Position;
            if (length > available - ChecksumLength)
                throw Invalid(name, $"is truncated: {HeaderLength + available:N0} bytes, expected {HeaderLength + (decimal)length + ChecksumLength:N0}.");
            if (wholeStream && available > length + ChecksumLength)
                throw Invalid(name, $"has {available - length - ChecksumLength:N0} unexpected bytes after the checksum.");
            backed = true;
        }

        using var reader = new PayloadReader(stream, length, backed, async, cancellationToken);
        ModelFileContents? contents = null;
        ModelFileProblem? problem = null;
        try
        {
            contents = await ModelPayload.ReadAsync(reader, version);
            if (reader.Remaining > 0)
            {
                reader.Field = "end of payload";
                problem = reader.Problem($"{reader.Remaining:N0} bytes follow the last member's parameters");
            }
            // A structural problem is reported as such only when the checksum says the file is what was written.
            if (problem is not null) await reader.SkipRestAsync();
        }
        catch (ModelFileProblem p)
        {
            problem = p;
            await SkipOrTruncatedAsync(reader, name, length);
        }
        catch (EndOfStreamException)
        {
            throw Truncated(name, reader, length);
        }
        var checksum = new byte[ChecksumLength];
        got = await ReadUpToAsync(stream, checksum, async, cancellationToken);
        if (got < ChecksumLength) throw Invalid(name, $"is truncated: it ends {got} bytes into its {ChecksumLength}-byte checksum.");
        if (!reader.Hash().AsSpan().SequenceEqual(checksum)) throw Invalid(name, "is corrupted: its checksum does not match its contents.");
        if (problem is not null) throw Invalid(name, $"is not a valid HybridRec model: {problem.Message}.", problem);
        try
        {
            return ModelFileValidator.ToModel(contents!);
        }
        catch (ModelFileProblem p)
        {
            throw Invalid(name, $"is not a valid HybridRec model: {p.Message}.", p);
        }
        catch (ArgumentException e)
        {
            // A rule of the model's types that ModelFileValidator does not state itself (the fuzzer reports these).
            throw Invalid(name, $"is not a valid HybridRec model: {e.Message}", e);
        }
    }

    private static async ValueTask SkipOrTruncatedAsync(PayloadReader reader, string name, long length)
    {
        try
        {
            await reader.SkipRestAsync();
        }
        catch (EndOfStreamException)
        {
            throw Truncated(name, reader, length);
        }
    }

    private static InvalidDataException Truncated(string name, PayloadReader reader, long length) =>
        Invalid(name, $"is truncated: it ends {reader.Fetched:N0} bytes into its payload of {length:N0} bytes.");

    private static InvalidDataException Invalid(string name, string problem, Exception? inner = null) => new($"'{name}' {problem}", inner);

    // Reads until `buffer` is full or the stream ends; returns the bytes read.
    private static async ValueTask<int> ReadUpToAsync(Stream stream, byte[] buffer, bool async, CancellationToken cancellationToken) =>
        async
            ? await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken)
            : stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);

    private static async ValueTask WriteBytesAsync(Stream stream, byte[] bytes, bool async, CancellationToken cancellationToken)
    {
        if (async) await stream.WriteAsync(bytes, cancellationToken);
        else stream.Write(bytes);
    }

    // A value task whose work ran synchronously (async: false), or one to wait for.
    private static T Complete<T>(ValueTask<T> task) => task.IsCompleted ? task.GetAwaiter().GetResult() : task.AsTask().GetAwaiter().GetResult();

    private static void Complete(ValueTask task)
    {
        if (task.IsCompleted) task.GetAwaiter().GetResult();
        else task.AsTask().GetAwaiter().GetResult();
    }

    private static FileStream OpenForReading(string path, FileOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"model file '{path}' does not exist.", path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, options);
    }

    private static void CheckReadable(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) throw new ArgumentException("the stream cannot be read.", nameof(stream));
    }

    private static void CheckWritable(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite) throw new ArgumentException("the stream cannot be written.", nameof(stream));
    }
}
