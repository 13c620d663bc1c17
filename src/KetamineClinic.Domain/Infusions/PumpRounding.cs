namespace KetamineClinic.Domain.Infusions;

/// <summary>
/// <c>PUMP-01</c> (clinical-spec §3.5): every pump rounding is <see cref="MidpointRounding.AwayFromZero"/>.
/// .NET's default (banker's rounding) would turn a 41.25 mL/h rate into 41.2 (TV-26) and a 36.65 mg dose into 36.6 (TV-74).
/// </summary>
public static class PumpRounding
{
    /// <summary>Rounds <paramref name="value"/> to the nearest multiple of <paramref name="step"/>, halves away from zero.</summary>
    /// <param name="value">The value to round.</param>
    /// <param name="step">The step, more than 0 (e.g. 0.1 mg, 0.01 mL, 0.1 mL/h).</param>
    public static decimal ToStep(decimal value, decimal step)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);
        return Math.Round(value / step, 0, MidpointRounding.AwayFromZero) * step;
    }

    /// <summary>Rounds to <paramref name="decimals"/> places, halves away from zero (display values).</summary>
    public static decimal ToPlaces(decimal value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}
