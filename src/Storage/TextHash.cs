using System.Security.Cryptography;
using System.Text;

namespace WfaaS.Storage;

/// <summary>SHA-256 of a text as lowercase hex: definition texts, request and callback bodies (token hashes are bytes: <c>CallbackTokens.Hash</c>).</summary>
public static class TextHash
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
