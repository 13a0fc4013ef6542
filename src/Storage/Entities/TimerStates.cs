namespace WfaaS.Storage.Entities;

public static class TimerStates
{
    public const string Pending = "PENDING";
    public const string Fired = "FIRED";
    public const string Cancelled = "CANCELLED";
}
