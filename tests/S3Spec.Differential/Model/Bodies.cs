namespace S3Spec.Differential.Model;

/// <summary>Deterministic object bodies: the same (size, seed) always gives the same bytes.</summary>
internal static class Bodies
{
    public static byte[] Make(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
