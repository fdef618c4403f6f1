using System.Text;

namespace S3Spec.Testing;

/// <summary>Lines a process wrote to stdout/stderr, bounded: the first <c>limit</c> characters, or a rolling tail.</summary>
internal sealed class ProcessOutput(int limit, bool keepTail)
{
    private readonly StringBuilder text = new();

    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
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
