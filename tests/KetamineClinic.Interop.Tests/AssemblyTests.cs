namespace KetamineClinic.Interop.Tests;

public sealed class AssemblyTests
{
    // design.md §2: Interop is the only project that knows Hl7.Fhir; Domain references nothing but the framework.
    // (The compiler drops references an assembly never uses, so "Interop references X" is not testable this way.)
    [Fact]
    public void DomainAssemblyReferencesOnlyTheFramework() =>
        Assert.All(
            typeof(KetamineClinic.Domain.Rules.RuleFinding).Assembly.GetReferencedAssemblies(),
            a => Assert.True(
                a.Name is "netstandard" || a.Name!.StartsWith("System", StringComparison.Ordinal) || a.Name.StartsWith("Microsoft.Win32", StringComparison.Ordinal),
                $"Domain references {a.Name}"));
}
