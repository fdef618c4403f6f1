using Cucumber.Messages;
using Io.Cucumber.Messages.Types;

namespace S3Spec.Messages;

/// <summary>Writes envelopes to an NDJSON file, one per line, flushed as written (a crashed run keeps what it wrote).</summary>
public sealed class MessageFileWriter : IDisposable
{
    private readonly MessageToNdjsonWriter writer;
    private readonly Lock gate = new();

    public MessageFileWriter(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        writer = new MessageToNdjsonWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read), (output, envelope) => output.Write(MessageJson.Serialize(envelope)));
    }

    public string Path { get; }

    public void Write(Envelope envelope)
    {
        lock (gate)
        {
            writer.Write(envelope);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            writer.Dispose();
        }
    }
}
