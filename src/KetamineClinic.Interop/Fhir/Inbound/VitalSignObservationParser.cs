using Hl7.Fhir.Model;
using KetamineClinic.Interop.Fhir.Outcomes;
using KetamineClinic.Interop.Fhir.Serialization;
using KetamineClinic.Interop.Fhir.Sources;
using static KetamineClinic.Interop.Fhir.FhirConventions;

namespace KetamineClinic.Interop.Fhir.Inbound;

/// <summary>A vital sign read from an inbound FHIR Observation (POST /fhir/Observation).</summary>
public sealed record InboundVitalSign
{
    public required VitalMeasurement Measurement { get; init; }
    public required DateTimeOffset EffectiveAt { get; init; }
    public required string PatientId { get; init; }
    public required ResultStatus Status { get; init; }
    public string? EncounterId { get; init; }

    /// <summary>The id of the Device that took the reading (Observation.device).</summary>
    public string? DeviceId { get; init; }

    /// <summary>The sender's id of the reading (first Observation.identifier): the idempotency key.</summary>
    public ExternalIdentifier? Identifier { get; init; }
    public VitalInterpretation? Interpretation { get; init; }

    /// <summary>The source record to store and to emit again, under the id the server assigns.</summary>
    public VitalSignSource ToSource(string id) => new()
    {
        Id = id,
        PatientId = PatientId,
        Measurement = Measurement,
        EffectiveAt = EffectiveAt,
        Status = Status,
        EncounterId = EncounterId,
        DeviceId = DeviceId,
        Identifier = Identifier,
        Interpretation = Interpretation,
    };
}

/// <summary>
/// Reads vital-sign Observations sent by devices and other systems. Recognises the LOINC codes of clinical-spec
/// §10.1 (BP panel 85354-9 with components 8480-6 / 8462-4, HR 8867-4, SpO2 2708-6 or 59408-5, RR 9279-1, body
/// weight 29463-7, temperature 8310-5) with their UCUM units (mm[Hg], /min, %, kg, Cel) only; anything else is
/// rejected with OperationOutcome issues (all of them at once, not just the first).
/// </summary>
public static class VitalSignObservationParser
{
    private static readonly Dictionary<string, VitalSignKind> KindByLoinc = new Dictionary<string, VitalSignKind>(StringComparer.Ordinal)
    {
        ["85354-9"] = VitalSignKind.BloodPressure,
        ["8867-4"] = VitalSignKind.HeartRate,
        ["2708-6"] = VitalSignKind.OxygenSaturation,
        ["59408-5"] = VitalSignKind.OxygenSaturation,
        ["9279-1"] = VitalSignKind.RespiratoryRate,
        ["29463-7"] = VitalSignKind.BodyWeight,
        ["8310-5"] = VitalSignKind.BodyTemperature,
    };

    /// <summary>Parses FHIR JSON (an Observation) into a vital sign.</summary>
    public static FhirParseResult<InboundVitalSign> Parse(string json) => FhirJson.Parse<Observation>(json) switch
    {
        FhirParseResult<Observation>.Parsed parsed => Parse(parsed.Value),
        FhirParseResult<Observation>.Rejected rejected => new FhirParseResult<InboundVitalSign>.Rejected(rejected.Issues),
        _ => throw new InvalidOperationException("Unreachable: closed hierarchy."),
    };

    /// <summary>Reads a vital sign out of an Observation.</summary>
    public static FhirParseResult<InboundVitalSign> Parse(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var issues = new List<FhirIssue>();
        var status = ReadStatus(observation, issues);
        if (!observation.Category.Exists(c => c.Coding.Exists(cd => cd.System == Systems.ObservationCategory && cd.Code == "vital-signs")))
        {
            issues.Add(FhirIssue.Error(FhirIssueType.Required, "Observation.category must contain vital-signs (system " + Systems.ObservationCategory + ").", "Observation.category"));
        }

        var kind = ReadKind(observation, issues);
        var measurement = kind is { } k ? ReadMeasurement(observation, k, issues) : null;
        var effective = observation.Effective switch
        {
            FhirDateTime dateTime => InboundReferences.Instant(dateTime.Value, "Observation.effective", issues),
            Instant instant => InboundReferences.Instant(instant.Value is { } v ? new FhirDateTime(v).Value : null, "Observation.effective", issues),
            null => InboundReferences.Instant(null, "Observation.effective", issues),
            _ => Unsupported<DateTimeOffset?>(issues, "Observation.effective", "Use effectiveDateTime (a reading is a moment, not a period)."),
        };
        var patientId = InboundReferences.IdOf(observation.Subject, "Patient", "Observation.subject", required: true, issues);
        var encounterId = InboundReferences.IdOf(observation.Encounter, "Encounter", "Observation.encounter", required: false, issues);
        var deviceId = InboundReferences.IdOf(observation.Device, "Device", "Observation.device", required: false, issues);
        var identifier = ReadIdentifier(observation, issues);
        var interpretation = ReadInterpretation(observation);

        if (issues.Count > 0 || measurement is null || effective is null || patientId is null || status is null)
        {
            return issues.Count > 0
                ? new FhirParseResult<InboundVitalSign>.Rejected(issues)
                : FhirParseResult<InboundVitalSign>.Error(FhirIssueType.Invalid, "The Observation could not be read as a vital sign.");
        }

        return new FhirParseResult<InboundVitalSign>.Parsed(new InboundVitalSign
        {
            Measurement = measurement,
            EffectiveAt = effective.Value,
            PatientId = patientId,
            Status = status.Value,
            EncounterId = encounterId,
            DeviceId = deviceId,
            Identifier = identifier,
            Interpretation = interpretation,
        });
    }

    private static ResultStatus? ReadStatus(Observation observation, List<FhirIssue> issues) => observation.Status switch
    {
        ObservationStatus.Final => ResultStatus.Final,
        ObservationStatus.Preliminary => ResultStatus.Preliminary,
        ObservationStatus.Amended => ResultStatus.Amended,
        ObservationStatus.Corrected => ResultStatus.Corrected,
        null => Unsupported<ResultStatus?>(issues, "Observation.status", "Observation.status is required.", FhirIssueType.Required),
        _ => Unsupported<ResultStatus?>(issues, "Observation.status", $"A new reading must be final, preliminary, amended or corrected, not '{observation.StatusElement?.JsonValue}'."),
    };

    private static VitalSignKind? ReadKind(Observation observation, List<FhirIssue> issues)
    {
        var kinds = (observation.Code?.Coding ?? [])
            .Where(c => c.System == Systems.Loinc)
            .Select(c => c.Code is { } code && KindByLoinc.TryGetValue(code, out var k) ? k : (VitalSignKind?)null)
            .OfType<VitalSignKind>()
            .Distinct()
            .ToList();
        switch (kinds.Count)
        {
            case 1:
                return kinds[0];
            case 0:
                var sent = string.Join(", ", (observation.Code?.Coding ?? []).Select(c => $"{c.System}|{c.Code}"));
                issues.Add(FhirIssue.Error(
                    FhirIssueType.CodeInvalid,
                    $"Unsupported vital-sign code ({(sent.Length > 0 ? sent : "none")}). Supported LOINC codes: 85354-9 (BP panel), 8867-4, 2708-6, 59408-5, 9279-1, 29463-7, 8310-5.",
                    "Observation.code"));
                return null;
            default:
                issues.Add(FhirIssue.Error(FhirIssueType.CodeInvalid, "Observation.code names more than one kind of vital sign.", "Observation.code"));
                return null;
        }
    }

    private static VitalMeasurement? ReadMeasurement(Observation observation, VitalSignKind kind, List<FhirIssue> issues)
    {
        if (observation.DataAbsentReason is not null)
        {
            issues.Add(FhirIssue.Error(FhirIssueType.Required, "A reading without a value (dataAbsentReason) cannot be stored.", "Observation.dataAbsentReason"));
            return null;
        }

        try
        {
            switch (kind)
            {
                case VitalSignKind.BloodPressure:
                    var systolic = ComponentValue(observation, "8480-6", "systolic", issues);
                    var diastolic = ComponentValue(observation, "8462-4", "diastolic", issues);
                    return systolic is { } s && diastolic is { } d ? new VitalMeasurement.BloodPressure(s, d) : null;
                case VitalSignKind.HeartRate:
                    return Value(observation.Value, "/min", "Observation.value", issues) is { } hr ? new VitalMeasurement.HeartRate(hr) : null;
                case VitalSignKind.OxygenSaturation:
                    return Value(observation.Value, "%", "Observation.value", issues) is { } spo2 ? new VitalMeasurement.OxygenSaturation(spo2) : null;
                case VitalSignKind.RespiratoryRate:
                    return Value(observation.Value, "/min", "Observation.value", issues) is { } rr ? new VitalMeasurement.RespiratoryRate(rr) : null;
                case VitalSignKind.BodyWeight:
                    return Value(observation.Value, "kg", "Observation.value", issues) is { } kg ? new VitalMeasurement.BodyWeight(kg) : null;
                case VitalSignKind.BodyTemperature:
                    return Value(observation.Value, "Cel", "Observation.value", issues) is { } cel ? new VitalMeasurement.BodyTemperature(cel) : null;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown vital-sign kind.");
            }
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName != nameof(kind))
        {
            issues.Add(FhirIssue.Error(FhirIssueType.Value, $"The {kind} value {e.ActualValue} is outside the plausible range: {e.Message.Split(" (Parameter", 2)[0]}", "Observation.value"));
            return null;
        }
    }

    private static decimal? ComponentValue(Observation observation, string loinc, string name, List<FhirIssue> issues)
    {
        var index = observation.Component.FindIndex(c => c.Code?.Coding.Exists(cd => cd.System == Systems.Loinc && cd.Code == loinc) == true);
        if (index < 0)
        {
            issues.Add(FhirIssue.Error(FhirIssueType.Required, $"The blood-pressure panel needs a {name} component (LOINC {loinc}).", "Observation.component"));
            return null;
        }

        return Value(observation.Component[index].Value, "mm[Hg]", $"Observation.component[{index}].value", issues);
    }

    private static decimal? Value(DataType? value, string ucum, string expression, List<FhirIssue> issues)
    {
        if (value is not Quantity quantity)
        {
            issues.Add(FhirIssue.Error(FhirIssueType.Required, $"A valueQuantity in UCUM '{ucum}' is required.", expression));
            return null;
        }

        if (quantity.System != Systems.Ucum || quantity.Code != ucum)
        {
            issues.Add(FhirIssue.Error(
                FhirIssueType.CodeInvalid,
                $"Unit {quantity.System}|{quantity.Code} is not accepted here; send UCUM '{ucum}' (system {Systems.Ucum}).",
                expression));
            return null;
        }

        if (quantity.Value is not { } number || quantity.Comparator is not null)
        {
            issues.Add(FhirIssue.Error(FhirIssueType.Required, "An exact numeric value is required (no comparator).", expression));
            return null;
        }

        return number;
    }

    private static ExternalIdentifier? ReadIdentifier(Observation observation, List<FhirIssue> issues)
    {
        if (observation.Identifier.Count == 0)
        {
            return null;
        }

        var first = observation.Identifier[0];
        if (string.IsNullOrWhiteSpace(first.System) || string.IsNullOrWhiteSpace(first.Value))
        {
            issues.Add(FhirIssue.Error(FhirIssueType.Required, "Observation.identifier needs both system and value (it is the idempotency key).", "Observation.identifier[0]"));
            return null;
        }

        return new ExternalIdentifier(first.System, first.Value);
    }

    // The server evaluates its own alarms; a sender's interpretation is kept only when it is one of N/H/HH/L/LL.
    private static VitalInterpretation? ReadInterpretation(Observation observation) =>
        observation.Interpretation.SelectMany(c => c.Coding).Where(c => c.System == Systems.ObservationInterpretation).Select(c => c.Code switch
        {
            "N" => VitalInterpretation.Normal,
            "H" => VitalInterpretation.High,
            "HH" => VitalInterpretation.CriticalHigh,
            "L" => VitalInterpretation.Low,
            "LL" => VitalInterpretation.CriticalLow,
            _ => (VitalInterpretation?)null,
        }).FirstOrDefault(i => i is not null);

    private static T? Unsupported<T>(List<FhirIssue> issues, string expression, string message, FhirIssueType code = FhirIssueType.NotSupported)
    {
        issues.Add(FhirIssue.Error(code, message, expression));
        return default;
    }
}
