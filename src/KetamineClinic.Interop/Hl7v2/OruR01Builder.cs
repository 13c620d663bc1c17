using System.Globalization;
using System.Text;

namespace KetamineClinic.Interop.Hl7v2;

/// <summary>One vital sign to send in an ORU^R01 (see <see cref="OruR01Builder"/>).</summary>
/// <param name="Kind">What was measured (LOINC code and UCUM unit follow from it).</param>
/// <param name="Value">In the kind's UCUM unit: mm[Hg], /min, %, Cel.</param>
/// <param name="ObservedAt">OBX-14, to the second.</param>
/// <param name="Status">OBX-11 (F final, R unverified, C corrected...).</param>
/// <param name="EquipmentId">OBX-18, the measuring device, or null.</param>
public sealed record OruObservation(VitalSignKind Kind, decimal Value, DateTimeOffset ObservedAt, string Status = "F", string? EquipmentId = null);

/// <summary>An ORU^R01 to send, as a device or gateway would.</summary>
/// <param name="SendingApplication">MSH-3 namespace id (the device or gateway).</param>
/// <param name="SendingFacility">MSH-4 namespace id (may be empty).</param>
/// <param name="ControlId">MSH-10: the idempotency id; a resend keeps it.</param>
/// <param name="MessageTime">MSH-7.</param>
/// <param name="Observations">One OBX each, in this order, under one OBR.</param>
public sealed record OruR01Message(
    string SendingApplication,
    string SendingFacility,
    string ControlId,
    DateTimeOffset MessageTime,
    IReadOnlyList<OruObservation> Observations)
{
    /// <summary>MSH-5 (default <c>KETAMINE_CLINIC</c>).</summary>
    public string ReceivingApplication { get; init; } = "KETAMINE_CLINIC";

    /// <summary>MSH-6 (default empty).</summary>
    public string ReceivingFacility { get; init; } = string.Empty;

    /// <summary>PV1-3.3, the bed (the clinic's chair label), or null for no PV1.</summary>
    public string? Bed { get; init; }

    /// <summary>PID-3.1, a synthetic patient id, or null (a PID is still written when <see cref="Bed"/> is set).</summary>
    public string? PatientId { get; init; }

    /// <summary>MSH-12 (default 2.5).</summary>
    public string Version { get; init; } = "2.5";

    /// <summary>MSH-11 (default P).</summary>
    public string ProcessingId { get; init; } = "P";
}

/// <summary>
/// Writes an HL7 v2 ORU^R01 with LOINC-coded vital signs in UCUM units (the codes of <see cref="VitalSignCodes"/>),
/// segments ended by CR, every text escaped. For the demo simulator, the load tool and tests; what
/// <see cref="OruR01Reader"/> reads back is exactly what was written. Pure.
/// </summary>
public static class OruR01Builder
{
    public static string Build(OruR01Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(message.SendingApplication) || string.IsNullOrWhiteSpace(message.ControlId))
        {
            throw new ArgumentException("An ORU^R01 needs a sending application (MSH-3) and a control id (MSH-10).", nameof(message));
        }
        if (message.Observations.Count == 0)
        {
            throw new ArgumentException("An ORU^R01 needs at least one observation.", nameof(message));
        }

        var d = Hl7Delimiters.Standard;
        var text = new StringBuilder(256 + (message.Observations.Count * 96));
        Segment(text, "MSH", "^~\\&", d.EscapeText(message.SendingApplication), d.EscapeText(message.SendingFacility),
            d.EscapeText(message.ReceivingApplication), d.EscapeText(message.ReceivingFacility), Hl7DateTime.Format(message.MessageTime), string.Empty,
            "ORU^R01^ORU_R01", d.EscapeText(message.ControlId), d.EscapeText(message.ProcessingId), d.EscapeText(message.Version));
        if (message.PatientId is not null || message.Bed is not null)
        {
            Segment(text, "PID", "1", string.Empty, message.PatientId is null ? string.Empty : d.EscapeText(message.PatientId) + "^^^^MR");
            if (message.Bed is not null)
            {
                Segment(text, "PV1", "1", "O", "^^" + d.EscapeText(message.Bed));
            }
        }

        var first = message.Observations.Min(o => o.ObservedAt);
        Segment(text, "OBR", "1", string.Empty, d.EscapeText(message.ControlId), "182777000^monitoring of patient^SCT", string.Empty, string.Empty, Hl7DateTime.Format(first));
        var set = 1;
        foreach (var o in message.Observations)
        {
            var (code, name, unit) = Describe(o.Kind);
            Segment(text, "OBX",
                set++.ToString(CultureInfo.InvariantCulture),
                "NM",
                $"{code}^{name}^LN",
                string.Empty,
                o.Value.ToString(CultureInfo.InvariantCulture),
                d.EscapeText(unit) + "^^UCUM",
                string.Empty, string.Empty, string.Empty, string.Empty,
                d.EscapeText(o.Status),
                string.Empty, string.Empty,
                Hl7DateTime.Format(o.ObservedAt),
                string.Empty, string.Empty, string.Empty,
                o.EquipmentId is null ? string.Empty : d.EscapeText(o.EquipmentId));
        }

        return text.ToString();
    }

    /// <summary>LOINC code, display and UCUM unit of a kind (clinical-spec §4.2/§10.1).</summary>
    public static (string Code, string Name, string Unit) Describe(VitalSignKind kind) => kind switch
    {
        VitalSignKind.Systolic => ("8480-6", "Systolic blood pressure", "mm[Hg]"),
        VitalSignKind.Diastolic => ("8462-4", "Diastolic blood pressure", "mm[Hg]"),
        VitalSignKind.MeanArterial => ("8478-0", "Mean blood pressure", "mm[Hg]"),
        VitalSignKind.HeartRate => ("8867-4", "Heart rate", "/min"),
        VitalSignKind.PulseRate => ("8889-8", "Heart rate by Pulse oximetry", "/min"),
        VitalSignKind.Spo2 => ("59408-5", "Oxygen saturation by Pulse oximetry", "%"),
        VitalSignKind.RespiratoryRate => ("9279-1", "Respiratory rate", "/min"),
        VitalSignKind.Temperature => ("8310-5", "Body temperature", "Cel"),
    };

    private static void Segment(StringBuilder text, string id, params string[] fields)
    {
        var last = fields.Length;
        while (last > 0 && fields[last - 1].Length == 0)
        {
            last--;
        }

        text.Append(id);
        for (var i = 0; i < last; i++)
        {
            text.Append('|').Append(fields[i]);
        }

        text.Append('\r');
    }
}
