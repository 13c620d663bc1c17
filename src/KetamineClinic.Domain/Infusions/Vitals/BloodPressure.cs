using System.Globalization;
using System.Runtime.InteropServices;

namespace KetamineClinic.Domain.Infusions.Vitals;

/// <summary>
/// One blood-pressure measurement in whole mmHg (LOINC panel 85354-9 with 8480-6 / 8462-4).
/// Physiologically possible bounds (ingestion refuses anything outside them, see docs/clinical-rules/vitals-discharge.md):
/// systolic 40–300 mmHg, diastolic 20–200 mmHg, and diastolic strictly below systolic.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct BloodPressure
{
    /// <summary>Lowest systolic pressure accepted (mmHg).</summary>
    public const int MinSystolicMmHg = 40;

    /// <summary>Highest systolic pressure accepted (mmHg).</summary>
    public const int MaxSystolicMmHg = 300;

    /// <summary>Lowest diastolic pressure accepted (mmHg).</summary>
    public const int MinDiastolicMmHg = 20;

    /// <summary>Highest diastolic pressure accepted (mmHg).</summary>
    public const int MaxDiastolicMmHg = 200;

    /// <summary>Creates a blood pressure; throws <see cref="ArgumentOutOfRangeException"/> outside the possible bounds.</summary>
    /// <param name="systolicMmHg">Systolic pressure, 40–300 mmHg.</param>
    /// <param name="diastolicMmHg">Diastolic pressure, 20–200 mmHg and below the systolic pressure.</param>
    public BloodPressure(int systolicMmHg, int diastolicMmHg)
    {
        var problem = Validate(systolicMmHg, diastolicMmHg);
        if (problem is not null)
        {
            throw new ArgumentOutOfRangeException(nameof(systolicMmHg), problem);
        }

        SystolicMmHg = systolicMmHg;
        DiastolicMmHg = diastolicMmHg;
    }

    /// <summary>Systolic pressure (mmHg).</summary>
    public int SystolicMmHg { get; }

    /// <summary>Diastolic pressure (mmHg).</summary>
    public int DiastolicMmHg { get; }

    /// <summary>
    /// Why the pair is not a possible blood pressure, or null when it is. Ingestion calls this to refuse a
    /// value without an exception.
    /// </summary>
    public static string? Validate(int systolicMmHg, int diastolicMmHg)
    {
        if (systolicMmHg is < MinSystolicMmHg or > MaxSystolicMmHg)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Systolic {systolicMmHg} mmHg is outside the possible range {MinSystolicMmHg}–{MaxSystolicMmHg} mmHg.");
        }

        if (diastolicMmHg is < MinDiastolicMmHg or > MaxDiastolicMmHg)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Diastolic {diastolicMmHg} mmHg is outside the possible range {MinDiastolicMmHg}–{MaxDiastolicMmHg} mmHg.");
        }

        if (diastolicMmHg >= systolicMmHg)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Diastolic {diastolicMmHg} mmHg must be below systolic {systolicMmHg} mmHg.");
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{SystolicMmHg}/{DiastolicMmHg} mmHg");
}
