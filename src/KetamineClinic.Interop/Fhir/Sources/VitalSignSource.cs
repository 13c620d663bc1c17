namespace KetamineClinic.Interop.Fhir.Sources;

/// <summary>The vital signs this server exchanges, each with its R4 profile and LOINC code (clinical-spec §10.1).</summary>
public enum VitalSignKind
{
    /// <summary>LOINC 85354-9 panel, components 8480-6 / 8462-4 in mm[Hg]; profile bp.</summary>
    BloodPressure,

    /// <summary>LOINC 8867-4 in /min; profile heartrate.</summary>
    HeartRate,

    /// <summary>LOINC 2708-6 + 59408-5 in %; profile oxygensat.</summary>
    OxygenSaturation,

    /// <summary>LOINC 9279-1 in /min; profile resprate.</summary>
    RespiratoryRate,

    /// <summary>LOINC 29463-7 in kg; profile bodyweight.</summary>
    BodyWeight,

    /// <summary>LOINC 8310-5 in Cel; profile bodytemp.</summary>
    BodyTemperature,
}

/// <summary>A measured vital sign with its value(s) in the unit the kind prescribes (units are in the names).</summary>
public abstract record VitalMeasurement
{
    private VitalMeasurement()
    {
    }

    public abstract VitalSignKind Kind { get; }

    /// <summary>Blood pressure, mm[Hg].</summary>
    public sealed record BloodPressure : VitalMeasurement
    {
        public BloodPressure(decimal systolicMmHg, decimal diastolicMmHg)
        {
            SystolicMmHg = Guard.InRange(systolicMmHg, 1m, 400m, nameof(systolicMmHg));
            DiastolicMmHg = Guard.InRange(diastolicMmHg, 1m, 300m, nameof(diastolicMmHg));
        }

        public decimal SystolicMmHg { get; }
        public decimal DiastolicMmHg { get; }
        public override VitalSignKind Kind => VitalSignKind.BloodPressure;
    }

    /// <summary>Heart rate, beats per minute.</summary>
    public sealed record HeartRate : VitalMeasurement
    {
        public HeartRate(decimal perMinute) => PerMinute = Guard.InRange(perMinute, 0m, 400m, nameof(perMinute));

        public decimal PerMinute { get; }
        public override VitalSignKind Kind => VitalSignKind.HeartRate;
    }

    /// <summary>Oxygen saturation by pulse oximetry, %.</summary>
    public sealed record OxygenSaturation : VitalMeasurement
    {
        public OxygenSaturation(decimal percent) => Percent = Guard.InRange(percent, 0m, 100m, nameof(percent));

        public decimal Percent { get; }
        public override VitalSignKind Kind => VitalSignKind.OxygenSaturation;
    }

    /// <summary>Respiratory rate, breaths per minute.</summary>
    public sealed record RespiratoryRate : VitalMeasurement
    {
        public RespiratoryRate(decimal perMinute) => PerMinute = Guard.InRange(perMinute, 0m, 200m, nameof(perMinute));

        public decimal PerMinute { get; }
        public override VitalSignKind Kind => VitalSignKind.RespiratoryRate;
    }

    /// <summary>Body weight, kg.</summary>
    public sealed record BodyWeight : VitalMeasurement
    {
        public BodyWeight(decimal kg) => Kg = Guard.InRange(kg, 0.1m, 1000m, nameof(kg));

        public decimal Kg { get; }
        public override VitalSignKind Kind => VitalSignKind.BodyWeight;
    }

    /// <summary>Body temperature, degrees Celsius.</summary>
    public sealed record BodyTemperature : VitalMeasurement
    {
        public BodyTemperature(decimal celsius) => Celsius = Guard.InRange(celsius, 10m, 50m, nameof(celsius));

        public decimal Celsius { get; }
        public override VitalSignKind Kind => VitalSignKind.BodyTemperature;
    }
}

/// <summary>Observation.interpretation flags (v3 ObservationInterpretation).</summary>
public enum VitalInterpretation
{
    /// <summary>N</summary>
    Normal,

    /// <summary>H</summary>
    High,

    /// <summary>HH (critical high)</summary>
    CriticalHigh,

    /// <summary>L</summary>
    Low,

    /// <summary>LL (critical low)</summary>
    CriticalLow,
}

/// <summary>An identifier from another system, e.g. a device reading's idempotency id.</summary>
public sealed record ExternalIdentifier
{
    public ExternalIdentifier(string system, string value)
    {
        System = Guard.NotBlank(system, nameof(system));
        Value = Guard.NotBlank(value, nameof(value));
    }

    public string System { get; }
    public string Value { get; }
}

/// <summary>Input for a vital-sign Observation (category vital-signs, meta.profile = the kind's R4 profile).</summary>
public sealed record VitalSignSource
{
    public required string Id { get; init => field = FhirIds.Require(value, nameof(Id)); }
    public required string PatientId { get; init => field = FhirIds.Require(value, nameof(PatientId)); }
    public required VitalMeasurement Measurement { get; init; }
    public required DateTimeOffset EffectiveAt { get; init; }
    public ResultStatus Status { get; init; } = ResultStatus.Final;
    public string? EncounterId { get; init => field = FhirIds.RequireOptional(value, nameof(EncounterId)); }

    /// <summary>The infusion Procedure the reading was taken during (Observation.partOf).</summary>
    public string? ProcedureId { get; init => field = FhirIds.RequireOptional(value, nameof(ProcedureId)); }
    public string? DeviceId { get; init => field = FhirIds.RequireOptional(value, nameof(DeviceId)); }
    public string? PerformerPractitionerId { get; init => field = FhirIds.RequireOptional(value, nameof(PerformerPractitionerId)); }
    public VitalInterpretation? Interpretation { get; init; }

    /// <summary>The sender's id of the reading (idempotency key).</summary>
    public ExternalIdentifier? Identifier { get; init; }
}
