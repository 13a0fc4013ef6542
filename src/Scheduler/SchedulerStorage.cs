namespace WfaaS.Scheduler;

public enum SchedulerStorage
{
    InMemory,
    PostgreSql,
    SqlServer,
}
