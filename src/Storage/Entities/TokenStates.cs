namespace WfaaS.Storage.Entities;

public static class TokenStates
{
    public const string Active = "ACTIVE";
    public const string Accepted = "ACCEPTED";
    public const string Voided = "VOIDED";
}
