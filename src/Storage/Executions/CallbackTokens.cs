using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using WfaaS.Engine.Execution;

namespace WfaaS.Storage.Executions;

/// <summary>
/// Mints and recognises callback / approval tokens (SPEC §6, §8). A token needs no row until it is
/// used: it is base64url( execution id (16 bytes) ‖ nonce (16 random bytes) ‖ attempt (4) ‖ task tag
/// (4: the first bytes of SHA-256 of the task's name) ‖ HMAC-SHA256(secret, kind ‖ those 40 bytes)
/// truncated to 16 bytes ), 75 characters. The waiting task keeps the nonce in the execution's state
/// (<see cref="WaitToken"/>), so the service can show the URL again, and the token is live while
/// that task waits on that nonce. A token with a wrong MAC is unknown without a read. Tokens handed
/// out before (base64url(HMAC-SHA256(secret, nonce)), 43 characters) have a row in <c>tokens</c>
/// and are found by its key, SHA-256 of the token; an accepted token's row is keyed the same way.
/// URL-safe as it stands (base64url, no padding); never stored or logged in clear.
/// </summary>
public sealed class CallbackTokens
{
    private const int IdBytes = 16;
    private const int NonceBytes = 16;
    private const int ClaimBytes = IdBytes + NonceBytes + 4 + 4;
    private const int MacBytes = 16;
    private const int SignedBytes = ClaimBytes + MacBytes;
    private const int LegacyBytes = 32;

    /// <summary>Domain separation: these MACs are for this token format only.</summary>
    private static readonly byte[] Domain = "wfaas/token/2"u8.ToArray();

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

    /// <summary>A token handed out before tokens were signed claims (its row holds the nonce).</summary>
    public string TokenFor(string nonce) => Base64Url.EncodeToString(HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes(nonce)));

    /// <summary>The token of <paramref name="task"/>'s attempt <paramref name="attempt"/> that waits on <paramref name="nonce"/>.</summary>
    public string Mint(Guid executionId, WaitKind kind, string task, int attempt, string nonce)
    {
        ArgumentNullException.ThrowIfNull(task);
        Span<byte> token = stackalloc byte[SignedBytes];
        executionId.TryWriteBytes(token[..IdBytes], bigEndian: true, out _);
        if (!Base64Url.TryDecodeFromChars(nonce, token.Slice(IdBytes, NonceBytes), out var written) || written != NonceBytes)
        {
            throw new ArgumentException("A nonce is 16 bytes as base64url.", nameof(nonce));
        }

        BinaryPrimitives.WriteInt32BigEndian(token.Slice(IdBytes + NonceBytes, 4), attempt);
        BinaryPrimitives.WriteUInt32BigEndian(token.Slice(IdBytes + NonceBytes + 4, 4), TagOf(task));
        Sign(kind, token[..ClaimBytes], token[ClaimBytes..]);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>
    /// What <paramref name="token"/> is for a <paramref name="kind"/> wait: signed (its claim, the
    /// MAC checked), a token from before (looked up by hash), or unknown (no such token: answer 404
    /// without reading anything).
    /// </summary>
    public TokenForm Read(string token, WaitKind kind, out TokenClaim? claim)
    {
        claim = null;
        if (token is null || token.Length > 80)
        {
            return TokenForm.Unknown;
        }

        Span<byte> bytes = stackalloc byte[60];
        if (!Base64Url.IsValid(token) || !Base64Url.TryDecodeFromChars(token, bytes, out var length))
        {
            return TokenForm.Unknown;
        }

        if (length == LegacyBytes)
        {
            return TokenForm.Legacy;
        }

        if (length != SignedBytes)
        {
            return TokenForm.Unknown;
        }

        Span<byte> mac = stackalloc byte[MacBytes];
        Sign(kind, bytes[..ClaimBytes], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, bytes.Slice(ClaimBytes, MacBytes)))
        {
            return TokenForm.Unknown;
        }

        claim = new TokenClaim(
            new Guid(bytes[..IdBytes], bigEndian: true),
            Base64Url.EncodeToString(bytes.Slice(IdBytes, NonceBytes)),
            BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(IdBytes + NonceBytes, 4)),
            BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(IdBytes + NonceBytes + 4, 4)));
        return TokenForm.Claim;
    }

    /// <summary>The 4 bytes a token names its task by: enough to find it among an execution's tasks, not to spell it.</summary>
    public static uint TagOf(string task) => BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(task)));

    /// <summary>The token's key: SHA-256 of its text, as 32 bytes (a waiting execution's bytes count, docs/schema.md).</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private void Sign(WaitKind kind, ReadOnlySpan<byte> claim, Span<byte> mac)
    {
        Span<byte> message = stackalloc byte[Domain.Length + 1 + ClaimBytes];
        Domain.CopyTo(message);
        message[Domain.Length] = (byte)kind;
        claim.CopyTo(message[(Domain.Length + 1)..]);
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, message, full);
        full[..MacBytes].CopyTo(mac);
    }

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
