namespace S3Spec.Auth.Tests;

internal sealed class TestKeys(params AccessKey[] keys) : IKeyStore
{
    public const string ExampleAccessKey = "AKIAIOSFODNN7EXAMPLE";
    public const string ExampleSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

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
