using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using S3Spec.Core.Errors;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Tests;

/// <summary>A data root under /tmp with one volume "vol1"; deleted on dispose.</summary>
internal sealed class TestVolume : IDisposable
{
    public const string Name = "vol1";

    public TestVolume(string metadataStore = "auto", Action<StorageOptions>? configure = null, TimeProvider? time = null)
    {
        DataRoot = Path.Combine(Path.GetTempPath(), "s3spec-storage-" + Guid.NewGuid().ToString("N"));
        VolumePath = Path.Combine(DataRoot, Name);
        Directory.CreateDirectory(VolumePath);
        Options = new StorageOptions { DataRoot = DataRoot, MetadataStore = metadataStore };
        configure?.Invoke(Options);
        Store = new PosixObjectStore(Options, time ?? TimeProvider.System, NullLogger<PosixObjectStore>.Instance);
    }

    /// <summary>A volume whose listings cache every directory: snapshots for any size, a clock an hour ahead (all settled).</summary>
    public static TestVolume Caching() =>
        new(configure: o => o.ListingCacheMinEntries = 1, time: new ShiftedTime(TimeSpan.FromHours(1)));

    public string DataRoot { get; }

    public string VolumePath { get; }

    public StorageOptions Options { get; }

    public PosixObjectStore Store { get; }

    public string PathOf(string key) => Path.Combine(VolumePath, key);

    /// <summary>The listing stamp of a directory of the volume, as the listing cache and index record it.</summary>
    public S3Spec.Storage.Listing.DirStamp StampOf(string dir)
    {
        Assert.Equal(0, S3Spec.Storage.Posix.Fs.TryStatPath(PathOf(dir), out var st));
        return S3Spec.Storage.Listing.DirStamp.Of(st);
    }

    public void WriteFile(string key, string content)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public Task<ObjectInfo> PutAsync(string key, string content, ObjectMetadata? metadata = null) =>
        Store.PutObjectAsync(Name, key, new MemoryStream(Encoding.UTF8.GetBytes(content)),
            new PutObjectOptions { ContentLength = Encoding.UTF8.GetByteCount(content), Metadata = metadata ?? ObjectMetadata.Empty },
            CancellationToken.None);

    public async Task<string> ReadAsync(string key)
    {
        await using var reader = await Store.OpenObjectAsync(Name, key, CancellationToken.None);
        using var ms = new MemoryStream();
        await reader.CopyToAsync(ms, 0, reader.Info.Size, CancellationToken.None);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public string[] TempFiles()
    {
        var tmp = Path.Combine(VolumePath, ".s3compat_uploads", ".tmp");
        return Directory.Exists(tmp) ? Directory.GetFiles(tmp) : [];
    }

    public void Dispose()
    {
        Store.Dispose();
        try
        {
            Directory.Delete(DataRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static async Task<S3Error> ErrorOf(Func<Task> action)
    {
        var e = await Assert.ThrowsAsync<S3Exception>(action);
        return e.Error;
    }
}
