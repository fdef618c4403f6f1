namespace S3Spec.Storage.Capacity;

/// <summary>Where a volume's used bytes come from.</summary>
internal enum SpaceSource
{
    /// <summary>The tracked counter, corrected by the periodic walk (not exact).</summary>
    Counter,

    /// <summary>The volume root is a mount point: statvfs of the volume is the volume.</summary>
    Mount,

    /// <summary>The volume root carries a project id with a readable project quota.</summary>
    ProjectQuota,
}

/// <summary>
/// The capacity state of one volume (keyed by name and root inode): the source of its numbers and, for the counter,
/// the committed bytes, the bytes reserved by writes in progress and the state of the correcting walk.
/// All mutable fields are guarded by <see cref="Gate"/>.
/// </summary>
internal sealed class VolumeSpace(string name, ulong ino, SpaceSource source, uint projectId)
{
    public string Name { get; } = name;

    public ulong Ino { get; } = ino;

    public SpaceSource Source { get; } = source;

    public uint ProjectId { get; } = projectId;

    public Lock Gate { get; } = new();

    /// <summary>Bytes of files (objects and staged parts) as last walked plus every change committed since.</summary>
    public long Tracked { get; set; }

    /// <summary>Bytes reserved by writes of this process that have not committed yet.</summary>
    public long InFlight { get; set; }

    /// <summary>True while a walk runs; changes committed meanwhile are added to <see cref="WalkDelta"/>.</summary>
    public bool Walking { get; set; }

    public long WalkDelta { get; set; }

    public Task? WalkTask { get; set; }

    public DateTimeOffset? LastWalkEnd { get; set; }

    /// <summary>Applies a committed change (caller holds <see cref="Gate"/>).</summary>
    public void ApplyLocked(long delta)
    {
        Tracked = Math.Max(0, Tracked + delta);
        if (Walking)
        {
            WalkDelta += delta;
        }
    }
}
