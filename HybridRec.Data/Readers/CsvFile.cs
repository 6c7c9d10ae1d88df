using System.Text;
using CsvHelper;
using HybridRec.Data.IO;

namespace HybridRec.Data.Readers;

/// <summary>
/// One comma-separated MovieLens file read with CsvHelper: UTF-8 with or without BOM, LF or CRLF, RFC 4180
/// quoting (commas and doubled quotes inside quoted titles and tags), a validated header on line 1, blank lines
/// skipped and counted, and every CsvHelper error turned into a <see cref="DatasetFormatException"/>.
/// </summary>
internal sealed class CsvFile : IDisposable
{
    private readonly CsvReader _reader;
    private readonly List<CsvMalformedRecord>? _malformed;
    private readonly LoadContext _ctx;
    private string[] _columns = [];
    private long _strayQuotes;
    private string? _firstStrayQuote;

    private CsvFile(LoadContext ctx, string file, bool checkQuotes)
    {
        _ctx = ctx;
        File = file;
        Path = ctx.PathOf(file);
        _malformed = checkQuotes ? [] : null;
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false, // the header is validated here, as line 1
            SkipEmptyLines = false, // blank lines are counted, not silently skipped
            TrackLineNumbers = true,
            DetectSeparatorHint = false,
            Encoding = null, // BOM honoured, UTF-8 otherwise
            OnMalformedRecord = checkQuotes ? r => _malformed!.Add(r) : null,
            MaxRecordSize = ctx.Limits.MaxLineLength, // one line is bounded by the stream; this bounds a quoted record spanning lines
        };
        _reader = CsvReader.Create(ctx.Open(file), options, leaveOpen: false);
    }

    /// <summary>The file's name in the release.</summary>
    public string File { get; }

    /// <summary>The file as shown in messages.</summary>
    public string Path { get; }

    /// <summary>The columns of the header (required ones, then the optional ones present).</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>1-based line where the current record starts.</summary>
    public long Line => _reader.LineNumber;

    /// <summary>Number of fields of the current record.</summary>
    public int FieldCount => _reader.FieldCount;

    /// <summary>Blank lines skipped so far.</summary>
    public long BlankLines { get; private set; }

    /// <summary>Field <paramref name="index"/> of the current record as UTF-8 bytes (unquoted, unescaped).</summary>
    public ReadOnlySpan<byte> this[int index] => _reader.GetSpan(index);

    /// <summary>
    /// Opens <paramref name="file"/> and validates its header: <paramref name="required"/> columns, then any
    /// prefix of <paramref name="optional"/> ones, matched ignoring case and surrounding white space.
    /// </summary>
    public static CsvFile Open(LoadContext ctx, string file, string[] required, string[] optional, bool checkQuotes)
    {
        var raw = new CsvFile(ctx, file, checkQuotes);
        try
        {
            string expected = string.Join(",", required.Concat(optional));
            if (!raw.ReadRecord())
                throw new DatasetFormatException(raw.Path, 1, "header", "", $"the file is empty; expected the header '{expected}'");
            int n = raw.FieldCount;
            var names = Enumerable.Range(0, n).Select(i => Encoding.UTF8.GetString(raw[i]).Trim()).ToArray();
            var all = required.Concat(optional).ToArray();
            for (int i = 0; i < Math.Max(n, required.Length); i++)
            {
                string actual = i < n ? names[i] : "";
                if (i >= all.Length)
                    throw new DatasetFormatException(raw.Path, 1, $"column {i + 1}", actual,
                        $"unexpected header column '{actual}'; expected the header '{expected}'");
                if (!string.Equals(actual, all[i], StringComparison.OrdinalIgnoreCase))
                    throw new DatasetFormatException(raw.Path, 1, all[i], actual,
                        i < n
                            ? $"header column {i + 1} is '{actual}' but '{all[i]}' was expected; expected the header '{expected}'"
                            : $"header column {i + 1} '{all[i]}' is missing; expected the header '{expected}'");
            }
            raw._columns = all[..n];
            return raw;
        }
        catch
        {
            raw.Dispose();
            throw;
        }
    }

    /// <summary>Moves to the next record that is not blank; false at the end of the file.</summary>
    public bool Read()
    {
        while (ReadRecord())
        {
            if (_reader.FieldCount == 1 && LineReader.IsBlank(_reader.GetRawSpan(0)))
            {
                BlankLines++;
                continue;
            }
            return true;
        }
        return false;
    }

    /// <summary>Throws when the current record does not have one field per header column.</summary>
    public void RequireFieldCount()
    {
        int n = _reader.FieldCount;
        if (n == _columns.Length) return;
        string field = n < _columns.Length ? _columns[n] : $"field {_columns.Length + 1}";
        throw new DatasetFormatException(Path, Line, field, RawRecord(),
            $"expected {_columns.Length} fields ({string.Join(",", _columns)}) but found {n}");
    }

    /// <summary>Field <paramref name="index"/> as text; it must be valid UTF-8.</summary>
    public string Text(int index)
    {
        var bytes = _reader.GetSpan(index);
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
            throw new DatasetFormatException(Path, Line, _columns[index], TextDecoding.ForMessage(bytes), "the text is not valid UTF-8");
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The current record as it appears in the file, for messages.</summary>
    public string RawRecord() => TextDecoding.ForMessage(_reader.RawRecord);

    /// <summary>Counts the remaining non-blank records without parsing their fields.</summary>
    public long CountRemaining()
    {
        long n = 0;
        while (Read()) n++;
        return n;
    }

    /// <summary>Reports blank lines and recovered quotes of the file to the context.</summary>
    public void Finish()
    {
        _ctx.BlankLines(File, BlankLines);
        if (_strayQuotes > 0)
            _ctx.Report.Warnings.Add($"{Path}: {_strayQuotes:N0} records with a stray quote read with the quote kept as text; first at {_firstStrayQuote}.");
    }

    private bool ReadRecord()
    {
        bool more;
        try
        {
            more = _reader.Read();
        }
        catch (CsvFormatException e) when (e.Message.Contains(nameof(CsvReaderOptions.MaxRecordSize), StringComparison.Ordinal))
        {
            throw new DatasetFormatException(Path, e.LineNumber, "", null,
                $"record longer than {_ctx.Limits.MaxLineLength:N0} characters (MaxLineLength): a quoted field runs over many lines; is a quote left open here?", e);
        }
        catch (CsvFormatException e)
        {
            throw new DatasetFormatException(Path, e.LineNumber, "", null, "malformed CSV: " + e.Message, e);
        }
        if (_malformed is { Count: > 0 })
        {
            foreach (var m in _malformed)
            {
                if (m.Reason is CsvMalformedReason.UnterminatedQuote or CsvMalformedReason.LineBreakInQuotes)
                    throw new DatasetFormatException(Path, m.LineNumber, "", m.RawRecord,
                        "a quoted field is never closed (it would run to the end of the file)");
                _strayQuotes++;
                _firstStrayQuote ??= $"line {m.LineNumber}";
            }
            _malformed.Clear();
        }
        return more;
    }

    public void Dispose() => _reader.Dispose();
}
