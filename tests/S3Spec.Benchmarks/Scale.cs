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
    int PeerSyncFiles,
    int SeedKeys,
    bool DropCaches,
    bool PeersOnCli,
    int StartRuns)
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
        PeerSyncFiles: 10_000,
        SeedKeys: 256,
        DropCaches: true,
        PeersOnCli: true,
        StartRuns: 3);

    public static readonly Scale QuickScale = new(
        BigObject: 20L << 20,
        PartSize: 5L << 20,
        ConcurrentUploads: 2,
        ConcurrentObject: 10L << 20,
        SmallOpsDuration: TimeSpan.FromSeconds(1),
        SmallClients: 8,
        LatencyClients: 4,
        TreeDirs: 10,
        TreeFilesPerDir: 100,
        FlatFiles: 2_000,
        FirstListFiles: 1_000,
        CompleteTotal: 20L << 20,
        CompleteParts: [2, 4],
        SyncFiles: 100,
        PeerSyncFiles: 50,
        SeedKeys: 16,
        DropCaches: false,
        PeersOnCli: false,
        StartRuns: 1);

    public int TreeFiles => TreeDirs * TreeFilesPerDir;
}
