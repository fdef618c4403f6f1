using S3Spec.Testing;

namespace S3Spec.Features.Drivers;

/// <summary>A server process started by <see cref="ProcessTarget"/>, as a scenario sees it.</summary>
internal sealed class LaunchedServer(ServerProcess process, TestCertificate? certificate) : IServerInstance
{
    public Uri Endpoint => process.Endpoint;

    public string DataRoot => process.Options.DataRoot;

    public TestCertificate? Certificate => certificate;

    public string Output => process.Output;

    public int InternalErrors => process.InternalErrors;

    public string InternalErrorReports => process.InternalErrorReports;

    public static async Task<LaunchedServer> StartAsync(ServerOptions options, TestCertificate? certificate, CancellationToken cancellationToken)
    {
        var withCertificate = certificate is null
            ? options
            : options with { CertificatePath = certificate.CertificatePath, CertificateKeyPath = certificate.KeyPath };
        return new LaunchedServer(await ServerProcess.StartAsync(withCertificate, cancellationToken), certificate);
    }

    /// <summary>Kills the process (as a crash would) and starts it again over the same data root, on a new port.</summary>
    public Task RestartAsync(CancellationToken cancellationToken) => process.RestartAsync(cancellationToken: cancellationToken);

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
