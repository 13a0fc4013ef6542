using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace WfaaS.Storage.Executions;

/// <summary>
/// Mints and recognises callback / approval tokens (SPEC §6, §8): token = base64url(HMAC-SHA256(secret,
/// nonce)) with a 128-bit random nonce; the database keeps the nonce and SHA-256 of the token, never
/// the token. URL-safe as it stands (base64url, no padding).
/// </summary>
public sealed class CallbackTokens
{
    private readonly byte[] _secret;

    public CallbackTokens(TokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _secret = options.Secret is { Length: > 0 } secret ? Convert.FromBase64String(secret) : LoadOrCreateKey(options.KeyFile);
        if (_secret.Length < 32)
        {
            throw new InvalidOperationException("Tokens:Secret must hold at least 32 bytes (base64).");
        }
    }

    public static string NewNonce() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public string TokenFor(string nonce) => Base64Url.EncodeToString(HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes(nonce)));

    /// <summary>The token's key: SHA-256 of its text, as 32 bytes (a waiting execution's bytes count, docs/schema.md).</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static byte[] LoadOrCreateKey(string path)
    {
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var file = new StreamWriter(path, Encoding.ASCII, options);
            file.Write(Convert.ToBase64String(key));
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }
}
