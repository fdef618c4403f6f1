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

    /// <summary>The counter shared with the other processes over the data root (Counter volumes), or null.</summary>
    public SharedUsageFile? Shared { get; set; }

    /// <summary>When <see cref="Tracked"/> was last read from <see cref="Shared"/>.</summary>
    public DateTimeOffset? SharedReadAt { get; set; }

    /// <summary>The sum of shared changes when the running walk started.</summary>
    public long SharedChangesAtWalkStart { get; set; }

    /// <summary>
    /// Takes <see cref="Tracked"/> from the shared counter: always when <paramref name="force"/>, else when the last
    /// read is older than <paramref name="maxAge"/> (caller holds <see cref="Gate"/>).
    /// </summary>
    public void RefreshLocked(DateTimeOffset now, bool force, TimeSpan maxAge)
    {
        if (Shared is null || (!force && SharedReadAt is { } at && now >= at && now - at < maxAge))
        {
            return;
        }

        if (Shared.TryRead(out var used, out _))
        {
            Tracked = used;
            SharedReadAt = now;
        }
    }

    /// <summary>Applies a committed change, also to the shared counter (caller holds <see cref="Gate"/>).</summary>
    public void ApplyLocked(long delta)
    {
        Tracked = Shared is not null && Shared.TryApply(delta, out var used) ? used : Math.Max(0, Tracked + delta);
        if (Walking)
        {
            WalkDelta += delta;
        }
    }
}
