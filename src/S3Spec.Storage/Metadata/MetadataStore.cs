using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Metadata;

/// <summary>
/// Object records and implicit-directory markers of every volume, kept by the strategy chosen once per volume (by
/// name and root inode): <see cref="StorageOptions.MetadataStore"/> <c>xattr</c> or <c>sidecar</c> for all volumes;
/// with <c>auto</c>, the first write of a volume probes whether it takes user xattrs (before that, reads look in both).
/// </summary>
internal sealed partial class MetadataStore
{
    private const int MaxRecordBytes = 16 * 1024;

    private readonly Staging staging;
    private readonly ILogger logger;
    private readonly IMetadataStrategy? configured;
    private readonly IMetadataStrategy xattrs;
    private readonly IMetadataStrategy sidecarWrites;
    private readonly ConditionalWeakTable<VolumeState, IMetadataStrategy> chosen = [];

    public MetadataStore(StorageOptions options, Staging staging, ILogger logger)
    {
        this.staging = staging;
        this.logger = logger;
        var fallback = new SidecarMetadata(staging, always: false);
        xattrs = new XattrMetadata(fallback, writesXattrs: true, logger);
        sidecarWrites = new XattrMetadata(fallback, writesXattrs: false, logger);
        configured = options.MetadataStore.ToLowerInvariant() switch
        {
            "sidecar" => new SidecarMetadata(staging, always: true),
            "xattr" => xattrs,
            _ => null,
        };
    }

    public ObjectRecord? Read(Volume vol, SafeFileHandle file, string relPath, in StatxBuffer st) => Read(vol, file, relPath, st, out _);

    /// <summary>
    /// The record of the opened file when it matches the file's identity <paramref name="st"/>; <paramref name="inXattr"/>:
    /// what was found (a record, matching or not) was the file's own xattr, so no sidecar decided the answer.
    /// </summary>
    public ObjectRecord? Read(Volume vol, SafeFileHandle file, string relPath, in StatxBuffer st, out bool inXattr)
    {
        var rec = ReaderOf(vol).Read(vol, file, relPath, out inXattr);
        return rec is not null && rec.Matches(st.Ino, (long)st.Size, st.MtimeNs) ? rec : null;
    }

    /// <summary>
    /// True when a file's answer in this volume may come from a sidecar (configured so, or sidecars exist): an answer
    /// without an xattr record then depends on more than the file itself.
    /// </summary>
    public bool ReadsSidecars(Volume vol) => ReaderOf(vol).ReadsSidecars(vol);

    /// <summary>True when records can live in the files' own xattrs (the store is not configured for sidecars only).</summary>
    public bool MayUseXattrs => configured is not SidecarMetadata;

    /// <summary>Stores the record for the (not yet published) file that will be <paramref name="relPath"/>.</summary>
    public void Write(Volume vol, SafeFileHandle file, string relPath, ObjectRecord rec)
    {
        var data = RecordCodec.EncodeObject(rec);
        if (data.Length > MaxRecordBytes)
        {
            throw new S3Exception(S3Errors.MetadataTooLarge);
        }

        StrategyOf(vol).Write(vol, file, relPath, data);
    }

    /// <summary>Forgets the record of <paramref name="relPath"/> (its sidecar, when sidecars are in use).</summary>
    public void Remove(Volume vol, string relPath) => ReaderOf(vol).Remove(vol, relPath);

    public void MarkImplicit(Volume vol, SafeFileHandle dir, string relPath, ulong ino) => StrategyOf(vol).MarkImplicit(vol, dir, relPath, ino);

    public bool IsImplicit(Volume vol, SafeFileHandle dir, string relPath, ulong ino) => ReaderOf(vol).IsImplicit(vol, dir, relPath, ino);

    public void ClearImplicit(Volume vol, SafeFileHandle dir, string relPath) => ReaderOf(vol).ClearImplicit(vol, dir, relPath);

    /// <summary>For reads: any xattr strategy reads alike, so an unprobed volume needs no probe.</summary>
    private IMetadataStrategy ReaderOf(Volume vol) => configured ?? (chosen.TryGetValue(vol.State, out var s) ? s : xattrs);

    /// <summary>For writes: the configured strategy, else the one the volume's probe chose.</summary>
    private IMetadataStrategy StrategyOf(Volume vol) =>
        configured ?? (chosen.TryGetValue(vol.State, out var s) ? s : chosen.GetValue(vol.State, _ => Probe(vol)));

    private IMetadataStrategy Probe(Volume vol)
    {
        using var tmp = staging.OpenTmp(vol);
        using var h = staging.CreateFile(tmp, out var name);
        var e = Fs.TrySetXattr(h, "user.s3spec.probe", "1"u8);
        Fs.TryUnlinkAt(tmp, name, false);
        if (e == 0)
        {
            return xattrs;
        }

        LogSidecarMode(logger, vol.Name, e);
        return sidecarWrites;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Volume {Volume} does not support user xattrs (errno {Errno}); using sidecar metadata files")]
    private static partial void LogSidecarMode(ILogger logger, string volume, int errno);
}
