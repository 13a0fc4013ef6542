using System.Security.Cryptography;
using System.Text;

namespace WfaaS.Api.Contracts;

/// <summary>A task detail's <c>uuid</c>: stable for (execution, task), derived rather than random (RFC 9562 version 8).</summary>
internal static class TaskIds
{
    public static Guid For(Guid executionId, string task)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{executionId:N}/{task}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
