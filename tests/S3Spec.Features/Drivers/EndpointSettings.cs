namespace S3Spec.Features.Drivers;

/// <summary>
/// The endpoint target's settings (docs/behaviour-suite.md, "Endpoint settings"): where, with which key and region,
/// in which volume, whether the run creates that volume over the API, and how the suite's SDK client talks to it.
/// </summary>
internal sealed record EndpointSettings(Uri Endpoint, string AccessKey, string SecretKey, string Region, string Volume, bool CreateVolume, ClientSettings Client)
{
    public static EndpointSettings? FromEnvironment()
    {
        var endpoint = Environment.GetEnvironmentVariable("S3SPEC_TEST_ENDPOINT");
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        var checksums = Optional("S3SPEC_TEST_CHECKSUMS") ?? "when-supported";
        if (checksums is not ("when-supported" or "when-required"))
        {
            throw new InvalidOperationException($"S3SPEC_TEST_CHECKSUMS must be when-supported or when-required, not '{checksums}'.");
        }

        return new EndpointSettings(
            new Uri(endpoint),
            Required("S3SPEC_TEST_ACCESS_KEY"),
            Required("S3SPEC_TEST_SECRET_KEY"),
            Optional("S3SPEC_TEST_REGION") ?? "us-east-1",
            Required("S3SPEC_TEST_VOLUME"),
            Flag("S3SPEC_TEST_CREATE_VOLUME", false),
            new ClientSettings(checksums == "when-required", Flag("S3SPEC_TEST_CHUNK_ENCODING", true)));
    }

    private static string? Optional(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value.Trim() : null;

    private static string Required(string name) =>
        Optional(name) ?? throw new InvalidOperationException($"S3SPEC_TEST_ENDPOINT is set, so {name} must be set too.");

    private static bool Flag(string name, bool defaultValue) => Optional(name)?.ToLowerInvariant() switch
    {
        null => defaultValue,
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        var other => throw new InvalidOperationException($"{name} must be true or false, not '{other}'."),
    };
}
