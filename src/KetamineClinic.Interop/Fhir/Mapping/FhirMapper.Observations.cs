using Hl7.Fhir.Model;
using KetamineClinic.Interop.Fhir.Sources;
using static KetamineClinic.Interop.Fhir.FhirConventions;

namespace KetamineClinic.Interop.Fhir.Mapping;

public static partial class FhirMapper
{
    /// <summary>The R4 profile a vital sign conforms to (and claims in meta.profile).</summary>
    public static string ProfileOf(VitalSignKind kind) => kind switch
    {
        VitalSignKind.BloodPressure => Profiles.BloodPressure,
        VitalSignKind.HeartRate => Profiles.HeartRate,
        VitalSignKind.OxygenSaturation => Profiles.OxygenSaturation,
        VitalSignKind.RespiratoryRate => Profiles.RespiratoryRate,
        VitalSignKind.BodyWeight => Profiles.BodyWeight,
        VitalSignKind.BodyTemperature => Profiles.BodyTemperature,
    };

    /// <summary>
    /// Vital-sign Observation conforming to the R4 vital-signs profiles (clinical-spec §10.1, §10.2): category
    /// vital-signs, LOINC code, UCUM unit, effectiveDateTime, subject; BP as the 85354-9 panel with components.
    /// </summary>
    public static Observation ToObservation(VitalSignSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var observation = new Observation
        {
            Id = source.Id,
            Meta = new Meta { Profile = [ProfileOf(source.Measurement.Kind)] },
            Status = ToFhir(source.Status),
            Category = [Concept(Systems.ObservationCategory, "vital-signs", "Vital Signs")],
            Subject = Ref("Patient", source.PatientId),
            Encounter = RefOrNull("Encounter", source.EncounterId),
            PartOf = source.ProcedureId is { } p ? [Ref("Procedure", p)] : [],
            Effective = DateTime(source.EffectiveAt),
            Performer = source.PerformerPractitionerId is { } performer ? [Ref("Practitioner", performer)] : [],
            Device = RefOrNull("Device", source.DeviceId),
            Interpretation = source.Interpretation is { } i ? [ToFhir(i)] : [],
        };
        if (source.Identifier is { } identifier)
        {
            observation.Identifier.Add(new Identifier(identifier.System, identifier.Value));
        }

        switch (source.Measurement)
        {
            case VitalMeasurement.BloodPressure bp:
                observation.Code = Concept(VitalCodes.BloodPressurePanel);
                observation.Code.Text = "Blood pressure";
                observation.Component =
                [
                    new Observation.ComponentComponent { Code = Concept(VitalCodes.Systolic), Value = Ucum(bp.SystolicMmHg, "mm[Hg]", "mmHg") },
                    new Observation.ComponentComponent { Code = Concept(VitalCodes.Diastolic), Value = Ucum(bp.DiastolicMmHg, "mm[Hg]", "mmHg") },
                ];
                break;
            case VitalMeasurement.HeartRate hr:
                observation.Code = Concept(VitalCodes.HeartRate);
                observation.Code.Text = "Heart rate";
                observation.Value = Ucum(hr.PerMinute, "/min", "beats/minute");
                break;
            case VitalMeasurement.OxygenSaturation spo2:
                // As the US Core pulse-oximetry profile does: 2708-6 for the vital-signs profile, 59408-5 for the method.
                observation.Code = Concept(VitalCodes.OxygenSaturation, VitalCodes.OxygenSaturationPulseOximetry);
                observation.Code.Text = "SpO2";
                observation.Value = Ucum(spo2.Percent, "%", "%");
                break;
            case VitalMeasurement.RespiratoryRate rr:
                observation.Code = Concept(VitalCodes.RespiratoryRate);
                observation.Code.Text = "Respiratory rate";
                observation.Value = Ucum(rr.PerMinute, "/min", "breaths/minute");
                break;
            case VitalMeasurement.BodyWeight weight:
                observation.Code = Concept(VitalCodes.BodyWeight);
                observation.Code.Text = "Body weight";
                observation.Value = Ucum(weight.Kg, "kg", "kg");
                break;
            case VitalMeasurement.BodyTemperature temperature:
                observation.Code = Concept(VitalCodes.BodyTemperature);
                observation.Code.Text = "Body temperature";
                observation.Value = Ucum(temperature.Celsius, "Cel", "C");
                break;
            default:
                throw new ArgumentException($"Unknown measurement {source.Measurement.GetType().Name}.", nameof(source));
        }

        return observation;
    }

    /// <summary>
    /// Score Observation (category survey): PHQ-9 44261-6, GAD-7 70274-6, C-SSRS risk level 93374-7 valued from the
    /// local cssrs-risk-level system, other instruments under the local instrument-scores system (clinical-spec §6.1,
    /// §10.1). Totals are valueQuantity in {score}; the band is interpretation text; derivedFrom the response.
    /// </summary>
    public static Observation ToObservation(ScoreSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var isCssrs = source.Instrument == ScoredInstrument.CssrsScreener;
        if (isCssrs && source.Total is not null)
        {
            throw new ArgumentException("The C-SSRS screener has no total; set RiskLevel.", nameof(source));
        }

        if (!isCssrs && source.RiskLevel is not null)
        {
            throw new ArgumentException($"RiskLevel applies to the C-SSRS screener only, not {source.Instrument}.", nameof(source));
        }

        var observation = new Observation
        {
            Id = source.Id,
            Status = ToFhir(source.Status),
            Category = [Concept(Systems.ObservationCategory, "survey", "Survey")],
            Code = ScoreCode(source.Instrument),
            Subject = Ref("Patient", source.PatientId),
            Encounter = RefOrNull("Encounter", source.EncounterId),
            Effective = DateTime(source.EffectiveAt),
            DerivedFrom = source.QuestionnaireResponseId is { } qr ? [Ref("QuestionnaireResponse", qr)] : [],
            Interpretation = source.BandText is { } band ? [new CodeableConcept { Text = band }] : [],
        };
        if (source.Total is { } total)
        {
            observation.Value = Ucum(total, "{score}", "{score}");
        }
        else if (source.RiskLevel is { } risk)
        {
            observation.Value = Concept(CssrsRiskCoding(risk));
        }
        else
        {
            // SCALE-01 (clinical-spec §6.1): a missing item leaves the total null; say why the value is absent.
            observation.DataAbsentReason = new CodeableConcept
            {
                Coding = [Code(Systems.DataAbsentReason, "unknown", "Unknown")],
                Text = "Incomplete: one or more scored items are unanswered (SCALE-01)",
            };
        }

        observation.Extension.AddIfNotNull(ProtocolVersionExtension(source.ProtocolVersion));
        if (source.RemissionCutoff is { } cutoff)
        {
            observation.Extension.Add(new Extension(FhirConventions.Extensions.RemissionCutoff, new Integer(cutoff)));
        }

        return observation;
    }

    /// <summary>The code of an instrument's result Observation.</summary>
    public static CodeableConcept ScoreCode(ScoredInstrument instrument) => instrument switch
    {
        ScoredInstrument.Phq9 => new CodeableConcept { Coding = [Code(Systems.Loinc, "44261-6")], Text = "PHQ-9 total score" },
        ScoredInstrument.Phq9Item9 => new CodeableConcept { Coding = [Code(Systems.Loinc, "44260-8")], Text = "PHQ-9 item 9: thoughts of death or self-harm" },
        ScoredInstrument.Gad7 => new CodeableConcept { Coding = [Code(Systems.Loinc, "70274-6")], Text = "GAD-7 total score" },
        ScoredInstrument.CssrsScreener => new CodeableConcept { Coding = [Code(Systems.Loinc, "93374-7")], Text = "C-SSRS suicide risk level" },
        ScoredInstrument.Madrs => Concept(ClinicSystems.InstrumentScores, "madrs-total", "MADRS total score"),
        ScoredInstrument.QidsSr16 => Concept(ClinicSystems.InstrumentScores, "qids-sr16-total", "QIDS-SR16 total score"),
        ScoredInstrument.HamD17 => Concept(ClinicSystems.InstrumentScores, "hamd-17-total", "HAM-D17 total score"),
        ScoredInstrument.Cadss => Concept(ClinicSystems.InstrumentScores, "cadss-23-total", "CADSS-23 total score"),
        ScoredInstrument.BeckSsi => Concept(ClinicSystems.InstrumentScores, "beck-ssi-total", "Beck SSI total score"),
        ScoredInstrument.Moaas => Concept(ClinicSystems.InstrumentScores, "moaas-score", "MOAA/S score"),
        ScoredInstrument.BprsPositive => Concept(ClinicSystems.InstrumentScores, "bprs-positive-total", "BPRS positive subscale total score"),
    };

    /// <summary>CSSRS-04: a local code for each triage level, <c>none</c> included.</summary>
    public static Coding CssrsRiskCoding(CssrsRisk risk) => risk switch
    {
        CssrsRisk.None => Code(ClinicSystems.CssrsRiskLevel, "none", "No risk identified"),
        CssrsRisk.Low => Code(ClinicSystems.CssrsRiskLevel, "low", "Low risk"),
        CssrsRisk.Moderate => Code(ClinicSystems.CssrsRiskLevel, "moderate", "Moderate risk"),
        CssrsRisk.High => Code(ClinicSystems.CssrsRiskLevel, "high", "High risk"),
    };

    private static CodeableConcept ToFhir(VitalInterpretation interpretation) => interpretation switch
    {
        VitalInterpretation.Normal => Concept(Systems.ObservationInterpretation, "N", "Normal"),
        VitalInterpretation.High => Concept(Systems.ObservationInterpretation, "H", "High"),
        VitalInterpretation.CriticalHigh => Concept(Systems.ObservationInterpretation, "HH", "Critical high"),
        VitalInterpretation.Low => Concept(Systems.ObservationInterpretation, "L", "Low"),
        VitalInterpretation.CriticalLow => Concept(Systems.ObservationInterpretation, "LL", "Critical low"),
    };
}

/// <summary>LOINC codes of the vital signs (clinical-spec §10.1 [V]).</summary>
public static class VitalCodes
{
    public static Coding BloodPressurePanel => Loinc("85354-9", "Blood pressure panel with all children optional");
    public static Coding Systolic => Loinc("8480-6", "Systolic blood pressure");
    public static Coding Diastolic => Loinc("8462-4", "Diastolic blood pressure");
    public static Coding HeartRate => Loinc("8867-4", "Heart rate");
    public static Coding OxygenSaturation => Loinc("2708-6", "Oxygen saturation in Arterial blood");
    public static Coding OxygenSaturationPulseOximetry => Loinc("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry");
    public static Coding RespiratoryRate => Loinc("9279-1", "Respiratory rate");
    public static Coding BodyWeight => Loinc("29463-7", "Body weight");
    public static Coding BodyTemperature => Loinc("8310-5", "Body temperature");

    private static Coding Loinc(string code, string display) => new(Systems.Loinc, code, display);
}
