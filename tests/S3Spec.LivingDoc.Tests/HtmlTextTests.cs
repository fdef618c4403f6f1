using S3Spec.LivingDoc.Html;

namespace S3Spec.LivingDoc.Tests;

public class HtmlTextTests
{
    [Fact]
    public void Markup_characters_are_encoded()
    {
        Assert.Equal("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;", HtmlText.Escape("<script>alert('x')</script> & \"q\""));
    }

    [Fact]
    public void Control_characters_other_than_whitespace_are_replaced()
    {
        Assert.Equal("red\uFFFD[31m\ttab\nline", HtmlText.Escape("red\u001b[31m\ttab\nline"));
    }

    [Fact]
    public void Plain_and_unicode_text_is_kept()
    {
        Assert.Equal("données/été ☀ 日本.txt", HtmlText.Escape("données/été ☀ 日本.txt"));
        Assert.Equal("", HtmlText.Escape(null));
    }
}
