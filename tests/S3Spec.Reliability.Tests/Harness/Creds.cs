using S3Spec.Testing;

namespace S3Spec.Reliability.Harness;

/// <summary>An access key pair and the region it signs with.</summary>
internal sealed record Creds(string AccessKey, string Secret, string Region = "eu-ro-1")
{
    public static implicit operator SigningCredentials(Creds creds) => creds.ToSigningCredentials();

    public SigningCredentials ToSigningCredentials() => new(AccessKey, Secret, Region);
}
