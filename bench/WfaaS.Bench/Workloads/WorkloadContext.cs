using WfaaS.Bench.Databases;

namespace WfaaS.Bench.Workloads;

/// <summary>What every workload runs against: the service, its client, its database and the options.</summary>
internal sealed record WorkloadContext(ServiceProcess Service, WfaasClient Client, BenchDatabase Database, Options Options);
