using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace WfaaS.Api.Endpoints;

/// <summary>Opaque page cursors: a position, base64url-encoded so clients do not build them.</summary>
internal static class Cursor
{
    private const string Prefix = "p:";

    public static string Encode(long position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + position.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecode(string cursor, out long position)
    {
        position = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out position);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
