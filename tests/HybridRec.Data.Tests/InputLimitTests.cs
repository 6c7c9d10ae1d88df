using System.IO.Compression;
using System.Text;
using HybridRec.Data.IO;

namespace HybridRec.Data.Tests;

/// <summary>
/// The rows of issue 13's table for dataset files, and the other bounds on what enters the loader: line length,
/// file size, record counts, empty rating files. Big inputs are sparse files or synthetic streams, so the tests
/// stay fast and small on disk; memory is asserted from the bytes this thread allocated.
/// </summary>
public class InputLimitTests
{
    private const long ThreeGiB = 3L << 30;

    /// <summary>A movie list whose lines are all shorter than 40 characters.</summary>
    private const string ShortMovies = "movieId,title,genres\n1,A (1990),Drama\n2,B (1991),Comedy\n3,C (1992),Drama\n5,D (1993),Drama\n";

    /// <summary>Well above the 1 MiB line limit plus read buffers, far below a 3 GB file.</summary>
    private const long AllocationBound = 64L << 20;

    private static TempDir WithSparseFile(TempDir dir, string name, long length)
    {
        using var fs = new FileStream(dir.File(name), FileMode.Create, FileAccess.Write);
        fs.SetLength(length); // a hole: no disk blocks, reads as zeros
        return dir;
    }

    private static DatasetFormatException LoadFails(Func<RatingDataset> load, out long allocated)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DatasetFormatException>(() => load());
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return e;
    }

    [Fact]
    public void Ratings_csv_with_only_its_header_is_an_error_naming_the_file_no_ratings()
    {
        using var dir = Fixtures.MinimalCsv("userId,movieId,rating,timestamp\n");
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Equal(dir.File("ratings.csv"), e.File);
        Assert.Equal(0, e.Line);
        Assert.StartsWith("no ratings", e.Problem);
        Assert.StartsWith($"{dir.File("ratings.csv")}: no ratings", e.Message);
    }

    [Theory]
    [InlineData("csv", "ratings.csv", "userId,movieId,rating,timestamp\r\n\r\n  \r\n")]
    [InlineData("ml1m", "ratings.dat", "")]
    [InlineData("ml1m", "ratings.dat", "\n\n")]
    [InlineData("ml100k", "u.data", "\t\n")]
    [InlineData("ml100k", "u1.test", "")]
    public void Every_layout_refuses_a_rating_file_without_ratings(string layout, string file, string content)
    {
        using var dir = layout switch
        {
            "csv" => Fixtures.CsvRelease(),
            "ml1m" => Fixtures.Ml1m(),
            _ => Fixtures.Ml100k(),
        };
        dir.Text(file, content);
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path));
        Assert.Equal(dir.File(file), e.File);
        Assert.StartsWith("no ratings", e.Problem);
    }

    [Fact]
    public void Sparse_3GB_movies_dat_next_to_an_empty_ratings_dat_is_a_located_error_without_allocating_its_size()
    {
        using var dir = WithSparseFile(new TempDir().Text("ratings.dat", ""), "movies.dat", ThreeGiB);
        var e = LoadFails(() => MovieLensLoader.Load(dir.Path), out long allocated);
        Assert.Equal(dir.File("movies.dat"), e.File);
        Assert.Equal(1, e.Line);
        Assert.Contains($"line longer than {MovieLensLoadOptions.DefaultMaxLineLength:N0} characters", e.Problem);
        Assert.InRange(allocated, 0, AllocationBound);
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("userId,movieId,rating,timestamp\n1,1,4.0,1\n", 3)]
    public void Ratings_csv_of_one_3GB_line_fails_at_that_line_within_a_bounded_buffer(string before, long line)
    {
        using var dir = Fixtures.MinimalCsv(before);
        using (var fs = new FileStream(dir.File("ratings.csv"), FileMode.Append, FileAccess.Write))
            fs.SetLength(ThreeGiB);
        var e = LoadFails(() => MovieLensLoader.Load(dir.Path), out long allocated);
        Assert.Equal(dir.File("ratings.csv"), e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains("line longer than", e.Problem);
        Assert.InRange(allocated, 0, AllocationBound);
    }

    [Theory]
    [InlineData("ratings.csv")]
    [InlineData("u.data")]
    [InlineData("ratings.dat")]
    [InlineData("movies.dat")]
    [InlineData("u.item")]
    public void A_3GB_line_in_a_stream_stops_reading_just_past_the_limit(string file)
    {
        var files = file switch
        {
            "ratings.csv" => Release(("movies.csv", Fixtures.CsvMovies)),
            "u.data" or "u.item" => Release(("u.item", Fixtures.Ml100kItem(1, "A (1990)", "Drama") + "\n"), ("u.data", "1\t1\t5\t1\n")),
            _ => Release(("movies.dat", "1::A (1990)::Drama\n"), ("ratings.dat", "1::1::5::1\n"), ("users.dat", "1::F::1::10::48067\n")),
        };
        var counter = new CountingZeroStream(ThreeGiB);
        files.RemoveAll(f => f.Name == file);
        var source = new MemorySource("stream", files.Select(f => (f.Name, (Func<Stream>)(() => new MemoryStream(f.Bytes)), (long)f.Bytes.Length))
            .Append((file, () => counter, ThreeGiB)));
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(source));
        Assert.Equal($"stream/{file}", e.File);
        Assert.Equal(1, e.Line);
        Assert.Contains("line longer than", e.Problem);
        Assert.InRange(counter.BytesRead, MovieLensLoadOptions.DefaultMaxLineLength, 2L * MovieLensLoadOptions.DefaultMaxLineLength);
    }

    [Fact]
    public void A_long_line_inside_a_zip_entry_is_located_and_reading_stops()
    {
        // 48 MiB of zeros deflate to ~50 KB; the entry is past the read-ahead threshold, so the background reader is used too.
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var w = archive.CreateEntry("ml/movies.csv").Open()) w.Write(Encoding.UTF8.GetBytes(Fixtures.CsvMovies));
            using var r = archive.CreateEntry("ml/ratings.csv", CompressionLevel.Fastest).Open();
            r.Write("userId,movieId,rating,timestamp\n1,1,4.0,1\n"u8);
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 48; i++) r.Write(zeros);
        }
        zip.Position = 0;
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(zip, "big.zip"));
        Assert.Equal("big.zip!ml/ratings.csv", e.File);
        Assert.Equal(3, e.Line);
        Assert.Contains("line longer than", e.Problem);
    }

    [Fact]
    public void An_error_before_a_long_line_is_reported_first()
    {
        var options = new MovieLensLoadOptions { MaxLineLength = 40 };
        using var dir = Fixtures.MinimalCsv("userId,movieId,rating,timestamp\n1,1,x,1\n1,2,4.0," + new string('9', 100) + "\n", ShortMovies);
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path, options));
        Assert.Equal(2, e.Line);
        Assert.Equal("rating", e.Field);
    }

    [Theory]
    [InlineData("\n", 0)]
    [InlineData("\r\n", 1)]
    public void A_line_of_exactly_the_limit_loads_and_one_byte_more_fails(string newline, int crBytes)
    {
        // Line 2 is "1,1,4.0,1" padded with zeros in the timestamp to exactly the limit (a CR counts as part of the line).
        const int limit = 40;
        string Line(int length) => "1,1,4.0," + new string('0', length - 9 - crBytes) + "1";
        string header = "userId,movieId,rating,timestamp";
        var ok = new MovieLensLoadOptions { MaxLineLength = limit };
        using (var dir = Fixtures.MinimalCsv("", ShortMovies).Text("ratings.csv", header + "\n" + Line(limit) + "\n", newline))
            Assert.Equal(1, MovieLensLoader.Load(dir.Path, ok).Ratings.Count);
        using (var dir = Fixtures.MinimalCsv("", ShortMovies).Text("ratings.csv", header + "\n" + Line(limit + 1) + "\n", newline))
        {
            var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path, ok));
            Assert.Equal(2, e.Line);
            Assert.Contains("line longer than 40 characters", e.Problem);
        }
    }

    [Fact]
    public void A_quoted_record_spanning_lines_is_bounded_by_the_line_limit()
    {
        // An unclosed quote on line 3 would otherwise swallow the rest of the file as one record.
        string movies = "movieId,title,genres\n1,A (1990),Drama\n2,\"Broken (1991),Drama\n" +
                        string.Concat(Enumerable.Range(3, 5000).Select(i => $"{i},M{i} (1990),Drama\n"));
        using var dir = Fixtures.MinimalCsv(Fixtures.CsvRatings, movies);
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { MaxLineLength = 500 }));
        Assert.Equal(dir.File("movies.csv"), e.File);
        Assert.Equal(3, e.Line);
        Assert.Contains("record longer than 500 characters", e.Problem);
    }

    [Fact]
    public void A_zip_entry_whose_stored_bytes_were_altered_is_corrupt()
    {
        using var dir = Fixtures.MinimalCsv(Fixtures.CsvRatings);
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var f in new[] { "movies.csv", "ratings.csv" }) archive.CreateEntryFromFile(dir.File(f), f, CompressionLevel.NoCompression);
        }
        var bytes = zip.ToArray();
        int at = bytes.AsSpan().IndexOf("964982703"u8); // a timestamp of ratings.csv, stored as is
        bytes[at] = (byte)'8';
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(new MemoryStream(bytes), "altered.zip"));
        Assert.Equal("altered.zip!ratings.csv", e.File);
        Assert.Contains("CRC-32", e.Problem);
    }

    [Fact]
    public void A_file_larger_than_MaxFileBytes_fails_before_it_is_read()
    {
        using var dir = WithSparseFile(Fixtures.MinimalCsv(Fixtures.CsvRatings), "ratings.csv", ThreeGiB);
        var e = LoadFails(() => MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { MaxFileBytes = 1L << 30 }), out long allocated);
        Assert.Equal(dir.File("ratings.csv"), e.File);
        Assert.Equal(0, e.Line);
        Assert.Contains("3,221,225,472 bytes, larger than the limit of 1,073,741,824 bytes (MaxFileBytes)", e.Problem);
        Assert.InRange(allocated, 0, AllocationBound);
    }

    [Fact]
    public void A_stream_longer_than_MaxFileBytes_fails_when_the_limit_is_passed()
    {
        // The source states a small length but delivers more: the bytes read are what counts.
        var ratings = Encoding.UTF8.GetBytes(Fixtures.CsvRatings); // 122 bytes
        var source = new MemorySource("s", [
            ("movies.csv", () => new MemoryStream(Encoding.UTF8.GetBytes(ShortMovies)), ShortMovies.Length),
            ("ratings.csv", () => new MemoryStream(ratings), 10),
        ]);
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(source, new MovieLensLoadOptions { MaxFileBytes = 100 }));
        Assert.Equal("s/ratings.csv", e.File);
        Assert.Contains("larger than the limit of 100 bytes", e.Problem);
    }

    [Fact]
    public void A_zip_entry_declaring_fewer_bytes_than_it_holds_is_corrupt_not_cut_short()
    {
        // .NET stops the entry at its declared length; the CRC-32 of what was read then no longer matches.
        using var dir = Fixtures.MinimalCsv(Fixtures.CsvRatings);
        string zip = dir.Zip("lie.zip", "ml");
        var bytes = File.ReadAllBytes(zip);
        PatchCentralDirectorySize(bytes, "ml/ratings.csv", 20);
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(new MemoryStream(bytes), "lie.zip"));
        Assert.Equal("lie.zip!ml/ratings.csv", e.File);
        Assert.StartsWith("the archive entry has CRC-32", e.Problem);
        Assert.EndsWith("the archive is corrupt", e.Problem);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("ml1m")]
    [InlineData("ml100k")]
    public void More_ratings_than_the_arrays_hold_is_a_located_error(string layout)
    {
        using var dir = layout switch { "csv" => Fixtures.CsvRelease(), "ml1m" => Fixtures.Ml1m(), _ => Fixtures.Ml100k() };
        string file = layout switch { "csv" => "ratings.csv", "ml1m" => "ratings.dat", _ => "u.data" };
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { RecordCapacity = 2 }));
        Assert.Equal(dir.File(file), e.File);
        Assert.Equal(layout == "csv" ? 4 : 3, e.Line); // the third rating line
        Assert.Contains("more than 2 ratings", e.Problem);
    }

    [Fact]
    public void More_tag_applications_than_the_arrays_hold_is_a_located_error()
    {
        using var dir = Fixtures.CsvRelease();
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { RecordCapacity = 3, MaxRatings = 1 }));
        Assert.Equal(dir.File("tags.csv"), e.File);
        Assert.Equal(5, e.Line); // the fourth application of a listed movie with a non-empty tag
        Assert.Contains("more than 3 tag applications", e.Problem);
    }

    [Fact]
    public void MaxRatings_wins_over_the_capacity_when_it_is_lower()
    {
        using var dir = Fixtures.MinimalCsv(Fixtures.CsvRatings);
        var ds = MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { RecordCapacity = 2, MaxRatings = 2 });
        Assert.Equal(2, ds.Ratings.Count);
        Assert.Equal(3, ds.Report.RatingsSkippedByLimit);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public void Limits_must_be_positive(int maxLine, long maxBytes)
    {
        using var dir = Fixtures.CsvRelease();
        var options = new MovieLensLoadOptions { MaxLineLength = maxLine == 0 ? 0 : 100, MaxFileBytes = maxBytes == 0 ? 0 : 100 };
        Assert.Throws<ArgumentOutOfRangeException>(() => MovieLensLoader.Load(dir.Path, options));
    }

    /// <summary>Sets the uncompressed size the central directory declares for <paramref name="entry"/>.</summary>
    private static void PatchCentralDirectorySize(byte[] zip, string entry, uint size)
    {
        var name = Encoding.UTF8.GetBytes(entry);
        for (int i = 0; i + 46 <= zip.Length; i++)
        {
            if (zip[i] != 0x50 || zip[i + 1] != 0x4B || zip[i + 2] != 0x01 || zip[i + 3] != 0x02) continue;
            int nameLength = BitConverter.ToUInt16(zip, i + 28);
            if (!zip.AsSpan(i + 46, nameLength).SequenceEqual(name)) continue;
            BitConverter.TryWriteBytes(zip.AsSpan(i + 24, 4), size);
            return;
        }
        throw new InvalidOperationException($"no central directory entry {entry}.");
    }

    private static List<(string Name, byte[] Bytes)> Release(params (string Name, string Text)[] files) =>
        files.Select(f => (f.Name, Encoding.UTF8.GetBytes(f.Text))).ToList();

    /// <summary>A stream of <c>length</c> zero bytes that counts what was read from it.</summary>
    private sealed class CountingZeroStream(long length) : Stream
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = (int)Math.Min(buffer.Length, length - BytesRead);
            buffer[..n].Clear();
            BytesRead += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
