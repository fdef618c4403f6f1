namespace S3Spec.Features.Drivers;

/// <summary>
/// Chooses the target from the environment: S3SPEC_TEST_TARGET=container selects <see cref="ContainerTarget"/> (the
/// server image under podman), S3SPEC_TEST_ENDPOINT selects <see cref="EndpointTarget"/>, otherwise the
/// suite starts the server itself (<see cref="ProcessTarget"/>). Capabilities are known before anything starts, so
/// scenarios that need a missing one are reported as skipped.
/// </summary>
public static class TargetSelection
{
    public const string DataRoot = "data-root";
    public const string ServerControl = "server-control";

    /// <summary>Each scenario has a volume of its own and its keys start at the volume's root (no run prefix).</summary>
    public const string OwnVolume = "own-volume";

    /// <summary>The suite runs as root and may mount a small tmpfs as a full disk (with server control).</summary>
    public const string Root = "root";

    private static readonly bool Container = string.Equals(Environment.GetEnvironmentVariable("S3SPEC_TEST_TARGET"), "container", StringComparison.OrdinalIgnoreCase);

    private static readonly EndpointSettings? Endpoint = Container ? null : EndpointSettings.FromEnvironment();

    public static IReadOnlySet<string> Capabilities { get; } =
        Container ? new HashSet<string>([DataRoot, OwnVolume], StringComparer.Ordinal)
        : Endpoint is null
            ? new HashSet<string>(Environment.IsPrivilegedProcess ? [DataRoot, OwnVolume, ServerControl, Root] : [DataRoot, OwnVolume, ServerControl], StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    public static string Description =>
        Container ? $"container {ContainerTarget.Image} (podman, host network)"
        : Endpoint is null ? "process (S3Spec.Server started by the suite)"
        : Endpoint.Client == ClientSettings.Default ? $"endpoint {Endpoint.Endpoint}" : $"endpoint {Endpoint.Endpoint} ({Endpoint.Client})";

    public static Task<IS3Target> CreateAsync(CancellationToken cancellationToken) =>
        Container ? ContainerTarget.StartAsync(cancellationToken)
        : Endpoint is null ? ProcessTarget.StartAsync(cancellationToken) : EndpointTarget.StartAsync(Endpoint, cancellationToken);
}
