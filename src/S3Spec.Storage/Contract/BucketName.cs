namespace S3Spec.Storage.Contract;

/// <summary>S3 bucket-name rules applied to the names of volume directories.</summary>
internal static class BucketName
{
    public static bool IsValid(string name)
    {
        if (name.Length is < 3 or > 63 || !IsAlnum(name[0]) || !IsAlnum(name[^1]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsAlnum(c) && c != '-' && c != '.')
            {
                return false;
            }
        }

        return !name.Contains("..", StringComparison.Ordinal)
            && !name.StartsWith("xn--", StringComparison.Ordinal)
            && !LooksLikeIpAddress(name);
    }

    private static bool IsAlnum(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    private static bool LooksLikeIpAddress(string name)
    {
        var parts = name.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3)
            {
                return false;
            }

            foreach (var c in part)
            {
                if (c is < '0' or > '9')
                {
                    return false;
                }
            }
        }

        return true;
    }
}
