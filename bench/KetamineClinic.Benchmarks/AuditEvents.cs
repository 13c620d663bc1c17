using System.Globalization;
using KetamineClinic.Web.Platform.Audit;

namespace KetamineClinic.Benchmarks;

/// <summary>Synthetic audit events shaped like the clinic's busiest kind: a staff member reading a chart.</summary>
internal static class AuditEvents
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    public static AuditEvent Read(int i) => new()
    {
        OccurredAt = Start.AddMilliseconds(i * 250L),
        UserId = Guid.Parse("6f1c1a52-0000-4000-8000-000000000001"),
        UserName = "nurse@demo.clinic",
        Role = "Nurse",
        Action = AuditActions.Read,
        ResourceType = "Patient",
        ResourceId = (i % 500).ToString(CultureInfo.InvariantCulture),
        PatientId = new Guid(i % 500, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
        Outcome = AuditOutcome.Success,
        ClientAddress = "127.0.0.1",
        Detail = "chart header",
        PreviousHash = string.Empty,
        Hash = string.Empty,
    };
}
