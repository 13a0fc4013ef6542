namespace WfaaS.Bench.Tests;

public sealed class ProcessCpuTests
{
    [Fact]
    public void Parse_ReadsTheNameAndUserPlusSystemTicks() =>
        Assert.Equal(
            ("postgres", 1234L + 567L),
            ProcessCpu.Parse("4242 (postgres) S 1 4242 4242 0 -1 4194624 1021 0 0 0 1234 567 0 0 20 0 1 0 3061 226349056 7310 18446744073709551615"));

    [Fact]
    public void Parse_NameWithSpacesAndParentheses_CountsFieldsFromTheLastParenthesis() =>
        Assert.Equal(
            ("a (b) c", 7L),
            ProcessCpu.Parse("17 (a (b) c) R 1 17 17 0 -1 0 0 0 0 0 3 4 0 0 20 0 1 0 1 1 1 1"));

    [Fact]
    public void Parse_TruncatedLine_IsNothing() =>
        Assert.Null(ProcessCpu.Parse("17 (postgres) S 1 2"));

    [Fact]
    public void OfProcessesNamed_ThisProcess_HasUsedSomeCpu()
    {
        var name = ProcessCpu.Parse(File.ReadAllText("/proc/self/stat"))!.Value.Name;

        Assert.True(ProcessCpu.OfProcessesNamed(name) > TimeSpan.Zero);
    }
}
