using S3Spec.Server.Xml;

namespace S3Spec.Server.Tests.Xml;

public sealed class XmlTextTests
{
    [Theory]
    [InlineData("plain/key-0001.txt", true)]
    [InlineData("", true)]
    [InlineData("tab\tlf\ncr\r", true)]
    [InlineData("\uD7FF\uE000\uFFFD", true)]
    [InlineData("pair \\uD83D\\uDE00 end", true)]
    [InlineData("nul\0", false)]
    [InlineData("bell\u0007", false)]
    [InlineData("del\u007F ok", true)]
    [InlineData("not a char \uFFFE", false)]
    [InlineData("not a char \uFFFF", false)]
    [InlineData("lone high \\uD83D", false)]
    [InlineData("lone low \\uDE00 x", false)]
    [InlineData("\\uDE00\\uD83D", false)]
    public void CanCarrySaysWhetherXml10CanHoldEveryCharacter(string value, bool carried) =>
        Assert.Equal(carried, XmlText.CanCarry(System.Text.RegularExpressions.Regex.Unescape(value))); // attribute strings cannot hold lone surrogates: escaped
}
