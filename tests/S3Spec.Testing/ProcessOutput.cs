using System.Text;

namespace S3Spec.Testing;

/// <summary>
/// Lines a process wrote to stdout/stderr, bounded: the first <c>limit</c> characters, or a rolling tail. Every line in
/// which the server reports a request answered InternalError (500) is counted over the whole output, and the first
/// few are kept with the lines after them (the exception), whatever the bound.
/// </summary>
internal sealed class ProcessOutput(int limit, bool keepTail)
{
    /// <summary>The error middleware's log line of a request answered InternalError.</summary>
    private const string InternalErrorMarker = "failed with InternalError";
    private const int KeptErrors = 5;
    private const int LinesAfterError = 3;
    private readonly StringBuilder text = new();
    private readonly StringBuilder errors = new();
    private int linesToKeep;

    /// <summary>How many requests the server answered InternalError.</summary>
    public int InternalErrors { get; private set; }

    /// <summary>The first InternalError reports, each with the lines after it.</summary>
    public string InternalErrorReports
    {
        get
        {
            lock (text)
            {
                return errors.ToString();
            }
        }
    }

    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            if (line.Contains(InternalErrorMarker, StringComparison.Ordinal))
            {
                InternalErrors++;
                linesToKeep = InternalErrors <= KeptErrors ? LinesAfterError + 1 : 0;
            }

            if (linesToKeep > 0)
            {
                errors.AppendLine(line);
                linesToKeep--;
            }

            if (keepTail)
            {
                if (text.Length > limit)
                {
                    text.Remove(0, Math.Min(text.Length, limit / 2));
                }
            }
            else if (text.Length >= limit)
            {
                return;
            }

            text.AppendLine(line);
        }
    }

    public override string ToString()
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}
