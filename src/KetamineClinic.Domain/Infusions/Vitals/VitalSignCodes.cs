namespace KetamineClinic.Domain.Infusions.Vitals;

/// <summary>
/// LOINC codes and UCUM units for the vital signs the clinic records (clinical-spec §10.1, §10.2), as constants for
/// the interop layer. Pulse oximetry uses 2708-6 together with 59408-5 as in the US Core Pulse Oximetry profile;
/// never 2710-2 (capillary).
/// </summary>
public static class VitalSignCodes
{
    /// <summary>The LOINC code system URI.</summary>
    public const string LoincSystem = "http://loinc.org";

    /// <summary>Vital-signs panel (85353-1).</summary>
    public const string VitalSignsPanelLoinc = "85353-1";

    /// <summary>Blood pressure panel with all children optional (85354-9); SBP and DBP are its components.</summary>
    public const string BloodPressurePanelLoinc = "85354-9";

    /// <summary>Systolic blood pressure (8480-6), in mm[Hg].</summary>
    public const string SystolicLoinc = "8480-6";

    /// <summary>Diastolic blood pressure (8462-4), in mm[Hg].</summary>
    public const string DiastolicLoinc = "8462-4";

    /// <summary>Heart rate (8867-4), in /min.</summary>
    public const string HeartRateLoinc = "8867-4";

    /// <summary>Oxygen saturation in arterial blood (2708-6), in %; sent together with <see cref="PulseOximetryLoinc"/>.</summary>
    public const string OxygenSaturationLoinc = "2708-6";

    /// <summary>Oxygen saturation in arterial blood by pulse oximetry (59408-5), in %.</summary>
    public const string PulseOximetryLoinc = "59408-5";

    /// <summary>Respiratory rate (9279-1), in /min.</summary>
    public const string RespiratoryRateLoinc = "9279-1";

    /// <summary>Body weight (29463-7), in kg.</summary>
    public const string BodyWeightLoinc = "29463-7";

    /// <summary>
    /// Body temperature (8310-5), in Cel. Not listed in clinical-spec §10.1; it is the US Core vital-signs code.
    /// Temperature is recorded only for the PADSS vital-signs item (§5.3).
    /// </summary>
    public const string BodyTemperatureLoinc = "8310-5";

    /// <summary>UCUM unit for blood pressure.</summary>
    public const string MillimetresOfMercuryUnit = "mm[Hg]";

    /// <summary>UCUM unit for heart rate and respiratory rate.</summary>
    public const string PerMinuteUnit = "/min";

    /// <summary>UCUM unit for SpO₂.</summary>
    public const string PercentUnit = "%";

    /// <summary>UCUM unit for body temperature.</summary>
    public const string CelsiusUnit = "Cel";

    /// <summary>UCUM unit for body weight.</summary>
    public const string KilogramUnit = "kg";
}
