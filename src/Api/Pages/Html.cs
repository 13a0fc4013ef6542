using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace WfaaS.Api.Pages;

/// <summary>A page being written: every text goes through <see cref="Text"/> (HTML-encoded), markup through <see cref="Raw"/>.</summary>
internal sealed class Html
{
    private readonly StringBuilder _out = new(4096);

    public Html Raw(string markup)
    {
        _out.Append(markup);
        return this;
    }

    public Html Text(string? text)
    {
        _out.Append(HtmlEncoder.Default.Encode(text ?? string.Empty));
        return this;
    }

    public Html Tag(string tag, string? text, string? cssClass = null) =>
        Raw(cssClass is null ? $"<{tag}>" : $"<{tag} class=\"{cssClass}\">").Text(text).Raw($"</{tag}>");

    public Html Time(DateTimeOffset? at) =>
        at is { } value
            ? Raw("<time datetime=\"").Text(Iso(value)).Raw("\">").Text(value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)).Raw("</time>")
            : Raw("—");

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Attr(string? value) => HtmlEncoder.Default.Encode(value ?? string.Empty);

    public override string ToString() => _out.ToString();
}
