using System.Text;
using CsvHelper;
using HybridRec.Data.IO;

namespace HybridRec.Data.Import;

/// <summary>
/// One comma-separated file of an import read with CsvHelper: a header of any columns on line 1, records with one
/// field per column, blank lines skipped and counted, and every malformed record (a stray or unclosed quote, a
/// wrong field count) a <see cref="DatasetFormatException"/> naming the file and line.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    private readonly CsvReader _reader;
    private readonly List<CsvMalformedRecord> _malformed = [];
    private string[] _columns = [];

    private CsvTable(string path)
    {
        Path = path;
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false, // read here, as line 1
            SkipEmptyLines = false, // blank lines are counted
            TrackLineNumbers = true,
            DetectSeparatorHint = false,
            Encoding = null, // BOM honoured, UTF-8 otherwise
            OnMalformedRecord = r => _malformed.Add(r),
        };
        _reader = CsvReader.Create(File.OpenRead(path), options, leaveOpen: false);
    }

    /// <summary>The file's path, as shown in messages.</summary>
    public string Path { get; }

    /// <summary>The header's column names, trimmed.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>1-based line where the current record starts.</summary>
    public long Line => _reader.LineNumber;

    /// <summary>Blank lines skipped so far.</summary>
    public long BlankLines { get; private set; }

    /// <summary>Opens <paramref name="path"/> and reads its header; an empty file or header is an error.</summary>
    public static CsvTable Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"'{path}' does not exist.", path);
        var table = new CsvTable(path);
        try
        {
            if (!table.ReadRecord()) throw new DatasetFormatException(path, 1, "header", "", "the file is empty; expected a header line");
            table._columns = Enumerable.Range(0, table._reader.FieldCount).Select(i => Encoding.UTF8.GetString(table._reader.GetSpan(i)).Trim()).ToArray();
            if (table._columns.All(c => c.Length == 0)) throw new DatasetFormatException(path, 1, "header", "", "the header line is blank");
            return table;
        }
        catch
        {
            table.Dispose();
            throw;
        }
    }

    /// <summary>The index of <paramref name="column"/> (ignoring case), or -1.</summary>
    public int IndexOf(string column)
    {
        for (int i = 0; i < _columns.Length; i++)
            if (string.Equals(_columns[i], column.Trim(), StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>The index of a column that must be there; <paramref name="role"/> says what it is for (e.g. <c>user id</c>).</summary>
    public int Require(string column, string role)
    {
        int i = IndexOf(column);
        if (i >= 0) return i;
        throw new DatasetFormatException(Path, 1, column, string.Join(",", _columns),
            $"the {role} column '{column}' is missing; the header has {string.Join(", ", _columns.Select(c => $"'{c}'"))}");
    }

    /// <summary>Moves to the next record that is not blank and checks its field count; false at the end of the file.</summary>
    public bool Read()
    {
        while (ReadRecord())
        {
            if (_reader.FieldCount == 1 && LineReader.IsBlank(_reader.GetRawSpan(0)))
            {
                BlankLines++;
                continue;
            }
            int n = _reader.FieldCount;
            if (n != _columns.Length)
            {
                string field = n < _columns.Length ? _columns[n] : $"field {_columns.Length + 1}";
                throw new DatasetFormatException(Path, Line, field, TextDecoding.ForMessage(_reader.RawRecord),
                    $"expected {_columns.Length} fields ({string.Join(",", _columns)}) but found {n}");
            }
            return true;
        }
        return false;
    }

    /// <summary>Field <paramref name="index"/> of the current record as UTF-8 bytes.</summary>
    public ReadOnlySpan<byte> this[int index] => _reader.GetSpan(index);

    /// <summary>Field <paramref name="index"/> as trimmed text; it must be valid UTF-8.</summary>
    public string Text(int index)
    {
        var bytes = _reader.GetSpan(index);
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
            throw new DatasetFormatException(Path, Line, _columns[index], TextDecoding.ForMessage(bytes), "the text is not valid UTF-8");
        return Encoding.UTF8.GetString(bytes).Trim();
    }

    private bool ReadRecord()
    {
        bool more;
        try
        {
            more = _reader.Read();
        }
        catch (CsvFormatException e)
        {
            throw new DatasetFormatException(Path, e.LineNumber, "", null, "malformed CSV: " + e.Message, e);
        }
        if (_malformed.Count > 0)
        {
            var m = _malformed[0];
            throw new DatasetFormatException(Path, m.LineNumber, "", m.RawRecord, m.Reason is CsvMalformedReason.UnterminatedQuote or CsvMalformedReason.LineBreakInQuotes
                ? "a quoted field is never closed"
                : "a quote inside an unquoted field (quote the whole field and double the quote)");
        }
        return more;
    }

    public void Dispose() => _reader.Dispose();
}
