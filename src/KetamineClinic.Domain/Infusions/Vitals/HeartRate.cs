using System.Globalization;

namespace KetamineClinic.Domain.Infusions.Vitals;

/// <summary>Heart rate in beats per minute (LOINC 8867-4). Possible bounds: 20–300 /min.</summary>
public readonly record struct HeartRate
{
    /// <summary>Lowest heart rate accepted (/min).</summary>
    public const int MinPerMin = 20;

    /// <summary>Highest heart rate accepted (/min).</summary>
    public const int MaxPerMin = 300;

    /// <summary>Creates a heart rate; throws <see cref="ArgumentOutOfRangeException"/> outside 20–300 /min.</summary>
    /// <param name="beatsPerMin">Beats per minute, 20–300.</param>
    public HeartRate(int beatsPerMin)
    {
        var problem = Validate(beatsPerMin);
        if (problem is not null)
        {
            throw new ArgumentOutOfRangeException(nameof(beatsPerMin), problem);
        }

        BeatsPerMin = beatsPerMin;
    }

    /// <summary>Beats per minute.</summary>
    public int BeatsPerMin { get; }

    /// <summary>Why the value is not a possible heart rate, or null when it is.</summary>
    public static string? Validate(int beatsPerMin) =>
        beatsPerMin is < MinPerMin or > MaxPerMin
            ? string.Create(CultureInfo.InvariantCulture, $"Heart rate {beatsPerMin} /min is outside the possible range {MinPerMin}–{MaxPerMin} /min.")
            : null;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{BeatsPerMin} /min");
}
