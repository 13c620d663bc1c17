using System.Diagnostics.Metrics;

namespace KetamineClinic.Web.Platform;

/// <summary>OpenTelemetry metrics of the clinic (no patient identifiers in tags).</summary>
public sealed class ClinicMetrics
{
    public const string MeterName = "KetamineClinic";

    public ClinicMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        AuditEventsWritten = meter.CreateCounter<long>("clinic.audit.events", description: "Audit events appended");
    }

    public Counter<long> AuditEventsWritten { get; }
}
