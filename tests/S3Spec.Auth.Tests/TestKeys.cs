using S3Spec.Auth.Keys;
using S3Spec.Auth.Settings;
using S3Spec.Testing;

namespace S3Spec.Auth.Tests;

internal sealed class TestKeys(params AccessKey[] keys) : IKeyStore
{
    public const string ExampleAccessKey = "AKIAIOSFODNN7EXAMPLE";
    public const string ExampleSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    /// <summary>The example key, signing for us-east-1.</summary>
    public static readonly SigningCredentials ExampleCredentials = new(ExampleAccessKey, ExampleSecret, "us-east-1");

    public static readonly DateTimeOffset ExampleTime = new(2013, 5, 24, 0, 0, 0, TimeSpan.Zero);

    public static TestKeys Example() => new(new AccessKey(ExampleAccessKey, ExampleSecret, ["*"], false, false));

    public AccessKey? Find(string accessKeyId) => Array.Find(keys, k => k.AccessKeyId == accessKeyId);

    public static SigV4Authenticator Authenticator(DateTimeOffset now, AuthOptions? options = null, IKeyStore? store = null)
        => new(store ?? Example(), options ?? new AuthOptions(), new FakeTime(now));

    public static Dictionary<string, string> Headers(params (string Name, string Value)[] headers)
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (n, v) in headers)
        {
            d[n] = v;
        }

        return d;
    }
}
