namespace KetamineClinic.Interop.Hl7v2;

/// <summary>The vital signs a device feed can carry (clinical-spec §4.2 and §10.1).</summary>
public enum VitalSignKind
{
    /// <summary>Systolic blood pressure, mm[Hg].</summary>
    Systolic,

    /// <summary>Diastolic blood pressure, mm[Hg].</summary>
    Diastolic,

    /// <summary>Mean arterial pressure, mm[Hg].</summary>
    MeanArterial,

    /// <summary>Heart rate (ECG or unspecified), /min.</summary>
    HeartRate,

    /// <summary>Pulse rate (pulse oximeter or cuff), /min.</summary>
    PulseRate,

    /// <summary>Oxygen saturation by pulse oximetry, %.</summary>
    Spo2,

    /// <summary>Respiratory rate, /min.</summary>
    RespiratoryRate,

    /// <summary>Body temperature, Cel.</summary>
    Temperature,
}

/// <summary>
/// One OBX-3 code we read: coding system (HL7 table 0396: <c>LN</c> LOINC, <c>MDC</c> ISO/IEEE 11073-10101),
/// the code, its name (for MDC the reference id, also accepted in OBX-3.2) and what it measures. A panel code
/// (blood pressure) carries two kinds and a ratio value (<c>SN ^120^/^80</c> or <c>ST 120/80</c>).
/// </summary>
public sealed record VitalSignCode(string CodingSystem, string Code, string Name, IReadOnlyList<VitalSignKind> Kinds)
{
    /// <summary>True for the blood-pressure panel codes (systolic and diastolic in one value).</summary>
    public bool IsPanel => Kinds.Count > 1;
}

/// <summary>The code table: which OBX-3 codes become which <see cref="VitalSignKind"/>. Others are ignored.</summary>
public static class VitalSignCodes
{
    /// <summary>HL7 table 0396 value for LOINC.</summary>
    public const string Loinc = "LN";

    /// <summary>HL7 table 0396 value for ISO/IEEE 11073-10101 (the codes bedside monitors send).</summary>
    public const string Mdc = "MDC";

    private static readonly VitalSignKind[] BloodPressure = [VitalSignKind.Systolic, VitalSignKind.Diastolic];

    /// <summary>Every code we read. LOINC codes are those of clinical-spec §4.2/§10.1.</summary>
    public static IReadOnlyList<VitalSignCode> All { get; } =
    [
        // LOINC (clinical-spec §10.1).
        new(Loinc, "8480-6", "Systolic blood pressure", [VitalSignKind.Systolic]),
        new(Loinc, "8462-4", "Diastolic blood pressure", [VitalSignKind.Diastolic]),
        new(Loinc, "8478-0", "Mean blood pressure", [VitalSignKind.MeanArterial]),
        new(Loinc, "85354-9", "Blood pressure panel with all children optional", BloodPressure),
        new(Loinc, "8867-4", "Heart rate", [VitalSignKind.HeartRate]),
        new(Loinc, "8889-8", "Heart rate by Pulse oximetry", [VitalSignKind.PulseRate]),
        new(Loinc, "2708-6", "Oxygen saturation in Arterial blood", [VitalSignKind.Spo2]),
        new(Loinc, "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", [VitalSignKind.Spo2]),
        new(Loinc, "9279-1", "Respiratory rate", [VitalSignKind.RespiratoryRate]),
        new(Loinc, "8310-5", "Body temperature", [VitalSignKind.Temperature]),

        // ISO/IEEE 11073-10101 context-free codes (partition 2, SCADA), as IHE PCD-01 monitors send them.
        new(Mdc, "150020", "MDC_PRESS_BLD_NONINV", BloodPressure),
        new(Mdc, "150021", "MDC_PRESS_BLD_NONINV_SYS", [VitalSignKind.Systolic]),
        new(Mdc, "150022", "MDC_PRESS_BLD_NONINV_DIA", [VitalSignKind.Diastolic]),
        new(Mdc, "150023", "MDC_PRESS_BLD_NONINV_MEAN", [VitalSignKind.MeanArterial]),
        new(Mdc, "147842", "MDC_ECG_HEART_RATE", [VitalSignKind.HeartRate]),
        new(Mdc, "149530", "MDC_PULS_OXIM_PULS_RATE", [VitalSignKind.PulseRate]),
        new(Mdc, "149546", "MDC_PULS_RATE_NON_INV", [VitalSignKind.PulseRate]),
        new(Mdc, "150456", "MDC_PULS_OXIM_SAT_O2", [VitalSignKind.Spo2]),
        new(Mdc, "151562", "MDC_RESP_RATE", [VitalSignKind.RespiratoryRate]),
        new(Mdc, "151570", "MDC_AWAY_RESP_RATE", [VitalSignKind.RespiratoryRate]),
        new(Mdc, "151578", "MDC_TTHOR_RESP_RATE", [VitalSignKind.RespiratoryRate]),
        new(Mdc, "151594", "MDC_CO2_RESP_RATE", [VitalSignKind.RespiratoryRate]),
        new(Mdc, "150344", "MDC_TEMP", [VitalSignKind.Temperature]),
        new(Mdc, "150364", "MDC_TEMP_BODY", [VitalSignKind.Temperature]),
    ];

    private static readonly Dictionary<(string System, string Code), VitalSignCode> ByCode =
        All.ToDictionary(c => (c.CodingSystem, c.Code));

    private static readonly Dictionary<string, VitalSignCode> ByMdcName =
        All.Where(c => c.CodingSystem == Mdc).ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Looks up one coded triplet (identifier, text, coding system). For MDC, the reference id in the text
    /// (<c>MDC_PULS_OXIM_SAT_O2</c>) is accepted when the numeric code is missing or unknown; when both are
    /// known and name different things, <paramref name="conflict"/> is true.
    /// </summary>
    public static VitalSignCode? Find(string identifier, string text, string codingSystem, out bool conflict)
    {
        conflict = false;
        var system = codingSystem.Trim().ToUpperInvariant();
        if (system is not (Loinc or Mdc))
        {
            return null;
        }

        ByCode.TryGetValue((system, identifier.Trim()), out var byCode);
        if (system != Mdc)
        {
            return byCode;
        }

        ByMdcName.TryGetValue(text.Trim(), out var byName);
        if (byCode is not null && byName is not null && !ReferenceEquals(byCode, byName))
        {
            conflict = true;
            return null;
        }

        return byCode ?? byName;
    }
}
