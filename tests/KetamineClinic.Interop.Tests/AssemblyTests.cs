using System.Text.Json;

namespace KetamineClinic.Interop.Tests;

public sealed class AssemblyTests
{
    // The compiler drops assembly references that no code uses yet, so GetReferencedAssemblies() cannot show the
    // project's declared dependencies; the deps file can (design.md §2.2: Interop depends on Firely and Domain).
    [Fact]
    public void InteropProjectDependsOnFirelyAndDomain()
    {
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "KetamineClinic.Interop.Tests.deps.json")));
        var interop = deps.RootElement.GetProperty("targets").EnumerateObject().Single().Value
            .EnumerateObject().Single(p => p.Name.StartsWith("KetamineClinic.Interop/", StringComparison.Ordinal)).Value;

        var dependencies = interop.GetProperty("dependencies").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("Hl7.Fhir.R4", dependencies);
        Assert.Contains("KetamineClinic.Domain", dependencies);
        Assert.Equal("KetamineClinic.Interop", typeof(InteropAssembly).Assembly.GetName().Name);
    }
}
