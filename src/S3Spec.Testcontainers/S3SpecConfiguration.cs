using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace S3Spec.Testcontainers;

/// <summary>The S3Spec container's settings on top of the generic container configuration.</summary>
public sealed class S3SpecConfiguration : ContainerConfiguration
{
    /// <summary>Initializes a configuration with S3Spec's own values.</summary>
    /// <param name="accessKey">The access key.</param>
    /// <param name="secretKey">Its secret.</param>
    /// <param name="region">The region clients sign with.</param>
    /// <param name="volumes">Volumes: directories of the data root, made before the start.</param>
    /// <param name="hostPort">With host networking, the 127.0.0.1 port the server listens on; null: a mapped port.</param>
    /// <param name="dataRoot">The host directory mounted at /data (made by <see cref="S3SpecBuilder.Build"/>).</param>
    public S3SpecConfiguration(string? accessKey = null, string? secretKey = null, string? region = null, IReadOnlyList<string>? volumes = null, int? hostPort = null, string? dataRoot = null)
    {
        DataRoot = dataRoot;
        AccessKey = accessKey;
        SecretKey = secretKey;
        Region = region;
        Volumes = volumes;
        HostPort = hostPort;
    }

    /// <summary>Initializes a configuration from a generic one.</summary>
    /// <param name="resourceConfiguration">The Docker resource configuration.</param>
    public S3SpecConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Initializes a configuration from a generic one.</summary>
    /// <param name="resourceConfiguration">The container configuration.</param>
    public S3SpecConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Initializes a copy.</summary>
    /// <param name="resourceConfiguration">The configuration to copy.</param>
    public S3SpecConfiguration(S3SpecConfiguration resourceConfiguration)
        : this(new S3SpecConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>Initializes a merge: values of <paramref name="newValue"/> win.</summary>
    /// <param name="oldValue">The earlier configuration.</param>
    /// <param name="newValue">The later configuration.</param>
    public S3SpecConfiguration(S3SpecConfiguration oldValue, S3SpecConfiguration newValue)
        : base(oldValue, newValue)
    {
        AccessKey = BuildConfiguration.Combine(oldValue.AccessKey, newValue.AccessKey);
        SecretKey = BuildConfiguration.Combine(oldValue.SecretKey, newValue.SecretKey);
        Region = BuildConfiguration.Combine(oldValue.Region, newValue.Region);
        Volumes = [.. oldValue.Volumes ?? [], .. newValue.Volumes ?? []];
        HostPort = newValue.HostPort ?? oldValue.HostPort;
        DataRoot = BuildConfiguration.Combine(oldValue.DataRoot, newValue.DataRoot);
    }

    /// <summary>The host directory mounted at /data.</summary>
    public string? DataRoot { get; }

    /// <summary>The access key.</summary>
    public string? AccessKey { get; }

    /// <summary>Its secret.</summary>
    public string? SecretKey { get; }

    /// <summary>The region.</summary>
    public string? Region { get; }

    /// <summary>Volumes created once the server answers.</summary>
    public IReadOnlyList<string>? Volumes { get; }

    /// <summary>With host networking, the loopback port; null with a mapped port.</summary>
    public int? HostPort { get; }
}
