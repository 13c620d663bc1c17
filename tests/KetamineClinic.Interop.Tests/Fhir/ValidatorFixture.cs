using System.Diagnostics;
using KetamineClinic.Interop.Fhir.Validation;

[assembly: AssemblyFixture(typeof(KetamineClinic.Interop.Tests.Fhir.ValidatorFixture))]

namespace KetamineClinic.Interop.Tests.Fhir;

/// <summary>One validator for the whole test run: building schemas is the slow part, so it is paid once.</summary>
public sealed class ValidatorFixture
{
    public ValidatorFixture()
    {
        var stopwatch = Stopwatch.StartNew();
        Validator = new FhirProfileValidator();
        ConstructionTime = stopwatch.Elapsed;
    }

    public FhirProfileValidator Validator { get; }

    public TimeSpan ConstructionTime { get; }
}
