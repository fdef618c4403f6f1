namespace S3Spec.Testing;

/// <summary>An access key pair and the region a request is signed for.</summary>
public sealed record SigningCredentials(string AccessKey, string SecretKey, string Region);
