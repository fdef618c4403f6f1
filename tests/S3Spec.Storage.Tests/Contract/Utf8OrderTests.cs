using System.Text;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Tests.Contract;

public class Utf8OrderTests
{
    [Fact]
    public void Orders_like_utf8_bytes_not_utf16_code_units()
    {
        var keys = new[] { "\uFF21", "😀", "a", "é", "a/b", "a-b", "a+b", "\uE000" };
        var expected = keys.OrderBy(k => Encoding.UTF8.GetBytes(k), ByteComparer.Instance).ToArray();
        var actual = keys.ToArray();
        Array.Sort(actual, Utf8Order.Instance);
        Assert.Equal(expected, actual);

        // UTF-16 ordinal puts the emoji (surrogates 0xD83D...) before U+FF21; UTF-8 puts it after.
        Assert.True(string.CompareOrdinal("😀", "\uFF21") < 0);
        Assert.True(Utf8Order.Cmp("😀", "\uFF21") > 0);
    }

    internal sealed class ByteComparer : IComparer<byte[]>
    {
        public static readonly ByteComparer Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x!.AsSpan().SequenceCompareTo(y);
    }
}
