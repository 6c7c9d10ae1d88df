namespace HybridRec.Data;

/// <summary>
/// Bad dataset input (a MovieLens release, a CSV import or any other reader): names the file, the 1-based line (the header is line 1), the field and the offending text.
/// </summary>
public sealed class DatasetFormatException : Exception
{
    /// <summary>Creates the exception; the message reads <c>FILE line N, field F: PROBLEM (text: 'TEXT')</c>.</summary>
    public DatasetFormatException(string file, long line, string field, string? text, string problem, Exception? inner = null)
        : base(Format(file, line, field, text, problem), inner)
    {
        File = file;
        Line = line;
        Field = field;
        Text = text;
        Problem = problem;
    }

    /// <summary>The file, as a path or <c>archive.zip!entry</c>.</summary>
    public string File { get; }

    /// <summary>1-based line number; 0 when the problem concerns the whole file.</summary>
    public long Line { get; }

    /// <summary>The field (column) name, e.g. <c>rating</c>.</summary>
    public string Field { get; }

    /// <summary>The offending text, when there is one.</summary>
    public string? Text { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Format(string file, long line, string field, string? text, string problem)
    {
        string where = line > 0 ? $"{file} line {line}" : file;
        if (!string.IsNullOrEmpty(field)) where += $", field '{field}'";
        string shown = text is null ? "" : $" (text: '{Truncate(text)}')";
        return $"{where}: {problem}{shown}";
    }

    private static string Truncate(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
