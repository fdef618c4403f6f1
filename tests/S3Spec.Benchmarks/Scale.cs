namespace S3Spec.Benchmarks;

/// <summary>Sizes of every workload; `--quick` shrinks them so the whole run stays well under three minutes.</summary>
internal sealed record Scale(
    long BigObject,
    long PartSize,
    int ConcurrentUploads,
    long ConcurrentObject,
    TimeSpan SmallOpsDuration,
    int SmallClients,
    int LatencyClients,
    int TreeDirs,
    int TreeFilesPerDir,
    int FlatFiles,
    int FirstListFiles,
    long CompleteTotal,
    int[] CompleteParts,
    int SyncFiles,
    int PeerSyncFiles)
{
    public static readonly Scale Full = new(
        BigObject: 1L << 30,
        PartSize: 64L << 20,
        ConcurrentUploads: 8,
        ConcurrentObject: 1L << 30,
        SmallOpsDuration: TimeSpan.FromSeconds(10),
        SmallClients: 32,
        LatencyClients: 8,
        TreeDirs: 1000,
        TreeFilesPerDir: 1000,
        FlatFiles: 1_000_000,
        FirstListFiles: 100_000,
        CompleteTotal: 10L << 30,
        CompleteParts: [10, 100],
        SyncFiles: 100_000,
        PeerSyncFiles: 10_000);

    public static readonly Scale QuickScale = new(
        BigObject: 8L << 20,
        PartSize: 2L << 20,
        ConcurrentUploads: 2,
        ConcurrentObject: 8L << 20,
        SmallOpsDuration: TimeSpan.FromSeconds(1),
        SmallClients: 8,
        LatencyClients: 4,
        TreeDirs: 10,
        TreeFilesPerDir: 100,
        FlatFiles: 2_000,
        FirstListFiles: 1_000,
        CompleteTotal: 8L << 20,
        CompleteParts: [2, 8],
        SyncFiles: 100,
        PeerSyncFiles: 50);

    public int TreeFiles => TreeDirs * TreeFilesPerDir;
}
