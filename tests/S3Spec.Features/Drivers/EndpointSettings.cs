namespace S3Spec.Features.Drivers;

internal sealed record EndpointSettings(Uri Endpoint, string AccessKey, string SecretKey, string Region, string Volume)
{
    public static EndpointSettings? FromEnvironment()
    {
        var endpoint = Environment.GetEnvironmentVariable("S3SPEC_TEST_ENDPOINT");
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        return new EndpointSettings(
            new Uri(endpoint),
            Required("S3SPEC_TEST_ACCESS_KEY"),
            Required("S3SPEC_TEST_SECRET_KEY"),
            Environment.GetEnvironmentVariable("S3SPEC_TEST_REGION") is { Length: > 0 } region ? region : "us-east-1",
            Required("S3SPEC_TEST_VOLUME"));
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"S3SPEC_TEST_ENDPOINT is set, so {name} must be set too.");
}
