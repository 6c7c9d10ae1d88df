using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HybridRec.Data.IO;

namespace HybridRec.Data.Tests;

public class GuardedStreamTests
{
    /// <summary>Reads everything through the guard in chunks of the given sizes (cycled); returns the bytes passed and the error, if any.</summary>
    private static (byte[] Passed, DatasetFormatException? Error) ReadAll(byte[] input, InputLimits limits, int[] chunks, DeclaredContent? declared = null)
    {
        using var guard = new GuardedStream(new MemoryStream(input), "f", limits, declared);
        var passed = new List<byte>();
        var buffer = new byte[chunks.Max()];
        for (int k = 0; ; k++)
        {
            int n;
            try
            {
                n = guard.Read(buffer, 0, chunks[k % chunks.Length]);
            }
            catch (DatasetFormatException e)
            {
                return ([.. passed], e);
            }
            if (n == 0) return ([.. passed], null);
            passed.AddRange(buffer.AsSpan(0, n));
        }
    }

    /// <summary>
    /// Whatever the line lengths and read sizes: lines up to the limit pass through unchanged; the first longer line
    /// fails with its number after exactly the bytes before it and the limit's worth of it have been passed on.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Passes_every_byte_up_to_the_first_line_past_the_limit_and_names_that_line()
    {
        var gen =
            from lengths in Gen.ListOf(Gen.Frequency((6, Gen.Choose(0, 12)), (1, Gen.Choose(13, 60))))
            from lastHasNewline in ArbMap.Default.GeneratorFor<bool>()
            from max in Gen.Choose(1, 20)
            from chunks in Gen.NonEmptyListOf(Gen.Choose(1, 50))
            select (lengths.ToArray(), lastHasNewline, max, chunks.ToArray());
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (lengths, lastHasNewline, max, chunks) = t;
            var sb = new StringBuilder();
            for (int i = 0; i < lengths.Length; i++)
            {
                sb.Append((char)('a' + i % 26), lengths[i]);
                if (i < lengths.Length - 1 || lastHasNewline) sb.Append('\n');
            }
            var input = Encoding.ASCII.GetBytes(sb.ToString());
            var (passed, error) = ReadAll(input, new InputLimits(long.MaxValue, max), chunks);

            int firstLong = Array.FindIndex(lengths, l => l > max);
            if (firstLong < 0) return error is null && passed.AsSpan().SequenceEqual(input);
            int start = lengths.Take(firstLong).Sum() + firstLong; // bytes of the lines before it, with their LFs
            return error is not null
                   && error.Line == firstLong + 1
                   && error.Problem.StartsWith($"line longer than {max} characters", StringComparison.Ordinal)
                   && passed.AsSpan().SequenceEqual(input.AsSpan(0, start + max));
        });
    }

    [Fact]
    public void Counts_a_carriage_return_as_part_of_the_line()
    {
        var limits = new InputLimits(long.MaxValue, 3);
        Assert.Null(ReadAll("abc\nab\r\n"u8.ToArray(), limits, [2]).Error);
        Assert.Equal(1, ReadAll("abc\r\n"u8.ToArray(), limits, [64]).Error?.Line);
    }

    [Fact]
    public void Fails_once_more_bytes_than_the_limit_have_been_read()
    {
        var (passed, error) = ReadAll(new byte[100], new InputLimits(40, int.MaxValue), [16]);
        Assert.Equal(32, passed.Length);
        Assert.Equal(0, error?.Line);
        Assert.Contains("larger than the limit of 40 bytes (MaxFileBytes)", error?.Problem);
    }

    [Theory]
    [InlineData(5, 0x3610A686u, null)]             // "hello": length and CRC-32 as declared
    [InlineData(4, 0x3610A686u, "holds more than the 4 bytes it declares")] // a byte more than declared
    [InlineData(6, 0x3610A686u, "holds 5 bytes but declares 6")]
    [InlineData(5, 0x12345678u, "has CRC-32 0x3610A686 but declares 0x12345678")]
    public void Checks_the_declared_length_and_crc_at_the_end(long length, uint crc, string? problem)
    {
        var (_, error) = ReadAll("hello"u8.ToArray(), InputLimits.None, [3], new DeclaredContent(length, crc));
        if (problem is null) Assert.Null(error);
        else Assert.Contains(problem, error?.Problem);
    }

    [Fact]
    public void Corrupt_compressed_data_is_a_located_error()
    {
        var bytes = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF };
        using var guard = new GuardedStream(new System.IO.Compression.DeflateStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress), "z!f", InputLimits.None);
        var e = Assert.Throws<DatasetFormatException>(() => guard.Read(new byte[16], 0, 16));
        Assert.Equal("z!f", e.File);
        Assert.StartsWith("the compressed data cannot be decoded", e.Problem);
    }
}
