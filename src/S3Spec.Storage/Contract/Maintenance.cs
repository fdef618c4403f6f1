namespace S3Spec.Storage.Contract;

// Records of the storage contract: maintenance.

public sealed record HashOptions
{
    /// <summary>Most bytes hashed per second (throttle); null: unthrottled.</summary>
    public long? BytesPerSecond { get; init; }
}

public sealed record HashReport(int Hashed, int AlreadyKnown, int Skipped, bool Resumed);

/// <summary>What <see cref="IStoreMaintenance.RemoveVolume"/> did, or why it refused.</summary>
public enum VolumeRemovalOutcome
{
    /// <summary>The directory and everything in it were removed.</summary>
    Removed,

    /// <summary>The volume was a symbolic link: the link was removed, its target (<see cref="VolumeRemoval.Detail"/>) left in place.</summary>
    RemovedLink,

    /// <summary>Refused: the volume holds objects or pending uploads and removal was not forced.</summary>
    NotEmpty,

    /// <summary>Refused: a filesystem is mounted at or below the volume (<see cref="VolumeRemoval.Detail"/>).</summary>
    Mounted,

    /// <summary>Nothing to remove: no such volume directory.</summary>
    NotFound,
}

public sealed record VolumeRemoval(VolumeRemovalOutcome Outcome, string? Detail = null);
