using System.Globalization;

namespace KetamineClinic.Domain.Infusions.Vitals;

/// <summary>Body temperature in degrees Celsius (LOINC 8310-5). Possible bounds: 30–45 °C.</summary>
public readonly record struct BodyTemperature
{
    /// <summary>Lowest temperature accepted (°C).</summary>
    public const decimal MinCelsius = 30m;

    /// <summary>Highest temperature accepted (°C).</summary>
    public const decimal MaxCelsius = 45m;

    /// <summary>Creates a temperature; throws <see cref="ArgumentOutOfRangeException"/> outside 30–45 °C.</summary>
    /// <param name="celsius">Degrees Celsius, 30–45.</param>
    public BodyTemperature(decimal celsius)
    {
        var problem = Validate(celsius);
        if (problem is not null)
        {
            throw new ArgumentOutOfRangeException(nameof(celsius), problem);
        }

        Celsius = celsius;
    }

    /// <summary>Degrees Celsius.</summary>
    public decimal Celsius { get; }

    /// <summary>Why the value is not a possible body temperature, or null when it is.</summary>
    public static string? Validate(decimal celsius) =>
        celsius is < MinCelsius or > MaxCelsius
            ? string.Create(CultureInfo.InvariantCulture, $"Temperature {celsius} °C is outside the possible range {MinCelsius}–{MaxCelsius} °C.")
            : null;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Celsius} °C");
}
