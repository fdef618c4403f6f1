namespace S3Spec.Features.Drivers;

/// <summary>
/// Chooses the target from the environment: S3SPEC_TEST_ENDPOINT selects <see cref="EndpointTarget"/>, otherwise the
/// suite starts the server itself (<see cref="ProcessTarget"/>). Capabilities are known before anything starts, so
/// scenarios that need a missing one are reported as skipped.
/// </summary>
public static class TargetSelection
{
    public const string DataRoot = "data-root";
    public const string ServerControl = "server-control";

    private static readonly EndpointSettings? Endpoint = EndpointSettings.FromEnvironment();

    public static IReadOnlySet<string> Capabilities { get; } =
        Endpoint is null ? new HashSet<string>([DataRoot, ServerControl], StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal);

    public static string Description => Endpoint is null ? "process (S3Spec.Server started by the suite)" : $"endpoint {Endpoint.Endpoint}";

    public static Task<IS3Target> CreateAsync(CancellationToken cancellationToken) =>
        Endpoint is null ? ProcessTarget.StartAsync(cancellationToken) : Task.FromResult<IS3Target>(new EndpointTarget(Endpoint));
}
