using System.Globalization;

namespace KetamineClinic.Domain.Infusions.Vitals;

/// <summary>
/// Respiratory rate in breaths per minute (LOINC 9279-1). Possible bounds: 0–80 /min (0 = no breathing counted).
/// </summary>
public readonly record struct RespiratoryRate
{
    /// <summary>Lowest respiratory rate accepted (/min).</summary>
    public const int MinPerMin = 0;

    /// <summary>Highest respiratory rate accepted (/min).</summary>
    public const int MaxPerMin = 80;

    /// <summary>Creates a respiratory rate; throws <see cref="ArgumentOutOfRangeException"/> outside 0–80 /min.</summary>
    /// <param name="breathsPerMin">Breaths per minute, 0–80.</param>
    public RespiratoryRate(int breathsPerMin)
    {
        var problem = Validate(breathsPerMin);
        if (problem is not null)
        {
            throw new ArgumentOutOfRangeException(nameof(breathsPerMin), problem);
        }

        BreathsPerMin = breathsPerMin;
    }

    /// <summary>Breaths per minute.</summary>
    public int BreathsPerMin { get; }

    /// <summary>Why the value is not a possible respiratory rate, or null when it is.</summary>
    public static string? Validate(int breathsPerMin) =>
        breathsPerMin is < MinPerMin or > MaxPerMin
            ? string.Create(CultureInfo.InvariantCulture, $"Respiratory rate {breathsPerMin} /min is outside the possible range {MinPerMin}–{MaxPerMin} /min.")
            : null;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{BreathsPerMin} /min");
}
