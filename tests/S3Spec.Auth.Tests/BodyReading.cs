namespace S3Spec.Auth.Tests;

internal static class BodyReading
{
    public static async Task<byte[]> ReadAll(Stream stream, int bufferSize = 8192)
    {
        var output = new MemoryStream();
        var buffer = new byte[bufferSize];
        int n;
        while ((n = await stream.ReadAsync(buffer.AsMemory())) > 0)
        {
            output.Write(buffer, 0, n);
        }

        return output.ToArray();
    }
}
