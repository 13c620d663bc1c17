namespace KetamineClinic.Domain.Infusions;

/// <summary>The sex the Devine ideal-body-weight formula needs (clinical-spec §3.2).</summary>
public enum SexForDosing
{
    /// <summary>Devine base 50 kg.</summary>
    Male,

    /// <summary>Devine base 45.5 kg.</summary>
    Female,
}

/// <summary>
/// The measurements a dose is calculated from, with the instant each was measured (stored on every
/// MedicationAdministration, clinical-spec §3.2 and §10.1).
/// </summary>
public sealed record BodyMeasurements
{
    /// <summary>Creates the measurements.</summary>
    /// <param name="weightKg">Recorded actual body weight in kg; more than 0 and at most 1000 (plausibility is DOSE-WT-03's job).</param>
    /// <param name="weightMeasuredAt">When the weight was measured.</param>
    /// <param name="heightCm">Height in cm (50–300), or null when not recorded; needed only for IBW/AdjBW and BMI.</param>
    /// <param name="heightMeasuredAt">When the height was measured; required when a height is given.</param>
    /// <param name="sex">Sex for the Devine formula, or null when not recorded.</param>
    public BodyMeasurements(decimal weightKg, DateTimeOffset weightMeasuredAt, decimal? heightCm = null, DateTimeOffset? heightMeasuredAt = null, SexForDosing? sex = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weightKg);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weightKg, 1000m);
        if (heightCm is { } h)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(h, 50m, nameof(heightCm));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(h, 300m, nameof(heightCm));
            if (heightMeasuredAt is null)
            {
                throw new ArgumentException("A height needs the instant it was measured.", nameof(heightMeasuredAt));
            }
        }
        else if (heightMeasuredAt is not null)
        {
            throw new ArgumentException("A height measurement instant was given without a height.", nameof(heightMeasuredAt));
        }
        if (sex is { } s && !Enum.IsDefined(s))
        {
            throw new ArgumentOutOfRangeException(nameof(sex), s, "Unknown sex value.");
        }
        WeightKg = weightKg;
        WeightMeasuredAt = weightMeasuredAt;
        HeightCm = heightCm;
        HeightMeasuredAt = heightMeasuredAt;
        Sex = sex;
    }

    /// <summary>Recorded actual body weight (ABW) in kg.</summary>
    public decimal WeightKg { get; }

    /// <summary>When the weight was measured.</summary>
    public DateTimeOffset WeightMeasuredAt { get; }

    /// <summary>Height in cm, if recorded.</summary>
    public decimal? HeightCm { get; }

    /// <summary>When the height was measured, if recorded.</summary>
    public DateTimeOffset? HeightMeasuredAt { get; }

    /// <summary>Sex for the Devine formula, if recorded.</summary>
    public SexForDosing? Sex { get; }
}

/// <summary>
/// The weight a dose was calculated on and how it was chosen (<c>DOSE-WT-01</c>), for the MedicationAdministration
/// extensions (weight basis, weight value, measurement dates).
/// </summary>
public sealed record DosingWeight
{
    internal DosingWeight(WeightBasis basis, decimal dosingWeightKg, BodyMeasurements measured, decimal? bmi, decimal? idealKg, decimal? adjustedKg)
    {
        Basis = basis;
        DosingWeightKg = dosingWeightKg;
        ActualWeightKg = measured.WeightKg;
        WeightMeasuredAt = measured.WeightMeasuredAt;
        HeightCm = measured.HeightCm;
        HeightMeasuredAt = measured.HeightMeasuredAt;
        BmiKgPerM2 = bmi;
        IdealWeightKg = idealKg;
        AdjustedWeightKg = adjustedKg;
    }

    /// <summary>The basis used.</summary>
    public WeightBasis Basis { get; }

    /// <summary>The weight (kg) the dose is calculated on: ABW as recorded, or IBW/AdjBW rounded to 0.1 kg.</summary>
    public decimal DosingWeightKg { get; }

    /// <summary>Recorded actual body weight (kg).</summary>
    public decimal ActualWeightKg { get; }

    /// <summary>When the actual weight was measured.</summary>
    public DateTimeOffset WeightMeasuredAt { get; }

    /// <summary>Height (cm), if recorded.</summary>
    public decimal? HeightCm { get; }

    /// <summary>When the height was measured, if recorded.</summary>
    public DateTimeOffset? HeightMeasuredAt { get; }

    /// <summary>BMI (kg/m²) rounded to 0.1 AwayFromZero, when a height is recorded. This rounded value is compared with the threshold.</summary>
    public decimal? BmiKgPerM2 { get; }

    /// <summary>Devine IBW (kg, 0.1), when height and sex are recorded.</summary>
    public decimal? IdealWeightKg { get; }

    /// <summary>Adjusted body weight (kg, 0.1), when height and sex are recorded.</summary>
    public decimal? AdjustedWeightKg { get; }
}
