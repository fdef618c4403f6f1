using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace S3Spec.Server.Observability;

/// <summary>
/// Formats access-log lines exactly as the console logger formats event 100 of <see cref="AccessLogMiddleware"/>
/// ("simple": the two-line "info: Category[100]" form; "json": the JSON console formatter's object with its State),
/// straight into a UTF-8 buffer (docs/architecture.md, "Access log").
/// </summary>
internal sealed class AccessLogFormatter(bool json)
{
    public const string Category = "S3Spec.Server.Observability.AccessLogMiddleware";
    public const int EventId = 100;
    public const string Template =
        "{RequestId} {Method} {Operation} volume={Volume} key={Key} status={Status} in={BytesIn} out={BytesOut} ms={DurationMs:F1}";

    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private static readonly byte[] SimplePrefix = Encoding.UTF8.GetBytes("info: " + Category + "[100]" + Environment.NewLine + "      ");
    private static readonly byte[] NewLine = Encoding.UTF8.GetBytes(Environment.NewLine);
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = false, SkipValidation = true };

    [ThreadStatic]
    private static StringBuilder? t_message;

    /// <summary>The message text, as the generated logger method renders the template (a null value as nothing).</summary>
    public static string Message(in AccessLogEntry e)
    {
        var sb = t_message ??= new StringBuilder(256);
        sb.Clear();
        sb.Append(e.RequestId).Append(' ').Append(e.Method).Append(' ').Append(e.Operation)
            .Append(" volume=").Append(e.Volume).Append(" key=").Append(e.Key)
            .Append(" status=").Append(e.Status.ToString(CultureInfo.InvariantCulture))
            .Append(" in=").Append(e.BytesIn.ToString(CultureInfo.InvariantCulture))
            .Append(" out=").Append(e.BytesOut.ToString(CultureInfo.InvariantCulture))
            .Append(" ms=").Append(e.DurationMs.ToString("F1", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>Appends one whole line (with its line break) to <paramref name="output"/>.</summary>
    public void Write(in AccessLogEntry e, IBufferWriter<byte> output)
    {
        var message = Message(e);
        if (!json)
        {
            output.Write(SimplePrefix);
            Encoding.UTF8.GetBytes(message, output);
            output.Write(NewLine);
            return;
        }

        using (var w = new Utf8JsonWriter(output, JsonOptions))
        {
            w.WriteStartObject();
            w.WriteString("Timestamp", e.Time.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture));
            w.WriteNumber("EventId", EventId);
            w.WriteString("LogLevel", "Information");
            w.WriteString("Category", Category);
            w.WriteString("Message", message);
            w.WriteStartObject("State");
            w.WriteString("Message", message);
            w.WriteString("RequestId", e.RequestId);
            w.WriteString("Method", e.Method);
            w.WriteString("Operation", e.Operation);
            WriteNullable(w, "Volume", e.Volume);
            WriteNullable(w, "Key", e.Key);
            w.WriteNumber("Status", e.Status);
            w.WriteNumber("BytesIn", e.BytesIn);
            w.WriteNumber("BytesOut", e.BytesOut);
            w.WriteNumber("DurationMs", e.DurationMs);
            w.WriteString("{OriginalFormat}", Template);
            w.WriteEndObject();
            w.WriteStartArray("Scopes");
            w.WriteStartObject();
            w.WriteString("S3RequestId", e.RequestId);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.Write(NewLine);
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
