using System.Text.Json;
using Microsoft.Extensions.Logging;
using S3Spec.Posix;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Capacity;

/// <summary>
/// The volume registry <c>&lt;DataRoot&gt;/.s3spec/volumes.json</c>: <c>{"volumes":{"vol":{"quotaBytes":N}}}</c>.
/// Re-read when its identity (inode, size, mtime) changes, checked at most every <see cref="PollInterval"/>.
/// A missing file means no quotas; an invalid one keeps the last good content (logged once per version).
/// </summary>
internal sealed partial class QuotaFile
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private static readonly IReadOnlyDictionary<string, long> None = new Dictionary<string, long>(StringComparer.Ordinal);
    private readonly string path;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private volatile IReadOnlyDictionary<string, long> quotas = None;
    private (ulong Ino, ulong Size, long MtimeNs)? seen;
    private DateTimeOffset? lastCheck;

    public QuotaFile(string dataRoot, TimeProvider time, ILogger logger)
    {
        path = VolumeRegistryFile.PathFor(dataRoot);
        this.time = time;
        this.logger = logger;
    }

    public string Path => path;

    /// <summary>The quota of <paramref name="volume"/> in bytes, or null when it has none.</summary>
    public long? Get(string volume)
    {
        Refresh();
        return quotas.TryGetValue(volume, out var q) ? q : null;
    }

    private void Refresh()
    {
        var now = time.GetUtcNow();
        if (lastCheck is { } last && now - last < PollInterval && now >= last)
        {
            return;
        }

        lock (gate)
        {
            if (lastCheck is { } again && now - again < PollInterval && now >= again)
            {
                return;
            }

            lastCheck = now;
            var e = Fs.TryStatPath(path, out var st);
            if (e == Errno.ENOENT || e == Errno.ENOTDIR)
            {
                seen = null;
                quotas = None;
                return;
            }

            if (e != 0 || (st.Ino, st.Size, st.MtimeNs) == seen)
            {
                return;
            }

            seen = (st.Ino, st.Size, st.MtimeNs);
            try
            {
                quotas = Parse(File.ReadAllBytes(path));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or FormatException)
            {
                LogInvalid(logger, path, ex.Message);
            }
        }
    }

    internal static Dictionary<string, long> Parse(byte[] json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The root is not an object.");
        }

        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!doc.RootElement.TryGetProperty("volumes", out var volumes))
        {
            return result;
        }

        if (volumes.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("\"volumes\" is not an object.");
        }

        foreach (var v in volumes.EnumerateObject())
        {
            if (v.Value.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"The entry of volume \"{v.Name}\" is not an object.");
            }

            if (!v.Value.TryGetProperty("quotaBytes", out var q) || q.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (q.ValueKind != JsonValueKind.Number || !q.TryGetInt64(out var bytes) || bytes < 0)
            {
                throw new FormatException($"quotaBytes of volume \"{v.Name}\" is not a non-negative integer.");
            }

            result[v.Name] = bytes;
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Volume registry {Path} is invalid, keeping the last good quotas: {Reason}")]
    private static partial void LogInvalid(ILogger logger, string path, string reason);
}
