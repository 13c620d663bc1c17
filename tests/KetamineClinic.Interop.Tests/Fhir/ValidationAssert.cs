using Hl7.Fhir.Model;

namespace KetamineClinic.Interop.Tests.Fhir;

internal static class ValidationAssert
{
    public static IReadOnlyList<OperationOutcome.IssueComponent> Errors(OperationOutcome outcome) =>
        [.. outcome.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)];

    public static string Describe(IEnumerable<OperationOutcome.IssueComponent> issues) =>
        string.Join(Environment.NewLine, issues.Select(i => $"{i.Severity} {i.Code}: {i.Details?.Text ?? i.Diagnostics} @ {string.Join(",", i.Expression)}"));

    public static void NoErrors(OperationOutcome outcome, string what)
    {
        var errors = Errors(outcome);
        Assert.True(errors.Count == 0, $"{what}: {errors.Count} error(s){Environment.NewLine}{Describe(errors)}");
    }
}
