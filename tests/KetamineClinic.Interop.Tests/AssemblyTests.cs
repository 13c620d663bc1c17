namespace KetamineClinic.Interop.Tests;

public sealed class AssemblyTests
{
    [Fact]
    public void InteropAssemblyReferencesFirely() =>
        Assert.Contains(typeof(KetamineClinic.Interop.InteropAssembly).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("KetamineClinic.Domain", StringComparison.Ordinal));
}
