using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace S3Spec.Testcontainers;

/// <summary>
/// Builds an S3Spec container: the image (default <see cref="DefaultImage"/>, the one the repository builds), a
/// generated key, region us-east-1, a volume "default" and any further volumes, profile and settings. The server
/// answers on a mapped port (or, with <see cref="WithHostNetwork"/>, on a free 127.0.0.1 port of the host).
/// </summary>
public sealed class S3SpecBuilder : ContainerBuilder<S3SpecBuilder, S3SpecContainer, S3SpecConfiguration>
{
    /// <summary>The image the repository builds (deploy/container/build-image.sh).</summary>
    public const string DefaultImage = "localhost/s3spec:dev";

    /// <summary>The port the image listens on.</summary>
    public const ushort S3Port = 9000;

    /// <summary>Initializes a builder for <paramref name="image"/>.</summary>
    /// <param name="image">The S3Spec image.</param>
    public S3SpecBuilder(string image = DefaultImage)
        : this(new S3SpecConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private S3SpecBuilder(S3SpecConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override S3SpecConfiguration DockerResourceConfiguration { get; }

    /// <summary>The key clients sign with (may use every volume).</summary>
    /// <param name="accessKey">The access key id.</param>
    /// <param name="secretKey">Its secret.</param>
    /// <returns>The builder.</returns>
    public S3SpecBuilder WithCredentials(string accessKey, string secretKey) =>
        Merge(DockerResourceConfiguration, new S3SpecConfiguration(accessKey: accessKey, secretKey: secretKey))
            .WithEnvironment("S3SPEC__ACCESSKEY", accessKey).WithEnvironment("S3SPEC__SECRETKEY", secretKey);

    /// <summary>The region clients sign with.</summary>
    /// <param name="region">The region.</param>
    /// <returns>The builder.</returns>
    public S3SpecBuilder WithRegion(string region) =>
        Merge(DockerResourceConfiguration, new S3SpecConfiguration(region: region)).WithEnvironment("S3SPEC__REGION", region);

    /// <summary><c>full</c> (default) or <c>runpod</c>.</summary>
    /// <param name="profile">The settings profile.</param>
    /// <returns>The builder.</returns>
    public S3SpecBuilder WithProfile(string profile) => WithSetting("Profile", profile);

    /// <summary>Any server setting (docs/settings.md), as S3SPEC__NAME.</summary>
    /// <param name="name">The setting, e.g. MaxPutSize.</param>
    /// <param name="value">Its value.</param>
    /// <returns>The builder.</returns>
    public S3SpecBuilder WithSetting(string name, string value) => WithEnvironment("S3SPEC__" + name.ToUpperInvariant(), value);

    /// <summary>Volumes (directories of the data root mounted at /data) made before the start; "default" always exists.</summary>
    /// <param name="volumes">Volume names.</param>
    /// <returns>The builder.</returns>
    public S3SpecBuilder WithVolumes(params string[] volumes) => Merge(DockerResourceConfiguration, new S3SpecConfiguration(volumes: volumes));

    /// <summary>
    /// Host networking: the server listens on a free 127.0.0.1 port of the host (for engines without port mapping, such
    /// as rootful podman set up by deploy/container/setup-podman.sh).
    /// </summary>
    /// <returns>The builder.</returns>
    public S3SpecBuilder WithHostNetwork()
    {
        var port = FreePort();
        return Merge(DockerResourceConfiguration, new S3SpecConfiguration(hostPort: port))
            .WithCreateParameterModifier(p => (p.HostConfig ??= new HostConfig()).NetworkMode = "host")
            .WithCommand("--urls", $"http://127.0.0.1:{port}");
    }

    /// <inheritdoc />
    /// <remarks>
    /// Makes the data root: a host temp directory with one directory per volume, mode 0777 so that the image's user
    /// (uid 10001) can write whatever uid the engine maps it to; it is bind-mounted at /data and removed on dispose.
    /// </remarks>
    public override S3SpecContainer Build()
    {
        Validate();
        var root = Directory.CreateTempSubdirectory("s3spec-tc-").FullName;
        var data = Path.Combine(root, "data");
        Open(Directory.CreateDirectory(data).FullName);
        foreach (var volume in (DockerResourceConfiguration.Volumes ?? []).Distinct(StringComparer.Ordinal))
        {
            Open(Directory.CreateDirectory(Path.Combine(data, volume)).FullName);
        }

        var builder = Merge(DockerResourceConfiguration, new S3SpecConfiguration(dataRoot: data)).WithBindMount(data, "/data", AccessMode.ReadWrite);
        if (DockerResourceConfiguration.HostPort is null)
        {
            builder = builder.WithPortBinding(S3Port, assignRandomHostPort: true);
        }

        return new S3SpecContainer(builder.WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(new UntilS3Answers(), w => w.WithTimeout(TimeSpan.FromSeconds(90))))
            .DockerResourceConfiguration);
    }

    private static void Open(string directory)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0x1FF);
        }
    }

    /// <inheritdoc />
    protected override S3SpecBuilder Init()
    {
        var accessKey = "tc_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secretKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        return base.Init().WithCredentials(accessKey, secretKey).WithRegion("us-east-1").WithVolumes("default");
    }

    /// <inheritdoc />
    protected override void Validate()
    {
        base.Validate();
        if (string.IsNullOrEmpty(DockerResourceConfiguration.AccessKey) || string.IsNullOrEmpty(DockerResourceConfiguration.SecretKey))
        {
            throw new ArgumentException("S3Spec needs an access key and a secret (WithCredentials).");
        }
    }

    /// <inheritdoc />
    protected override S3SpecBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new S3SpecConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override S3SpecBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new S3SpecConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override S3SpecBuilder Merge(S3SpecConfiguration oldValue, S3SpecConfiguration newValue) =>
        new(new S3SpecConfiguration(oldValue, newValue));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
