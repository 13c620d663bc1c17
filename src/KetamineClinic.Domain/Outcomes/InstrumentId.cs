namespace KetamineClinic.Domain.Outcomes;

/// <summary>
/// Identifies a rating instrument in an outcome series, as a lower-case id: <c>madrs</c>, <c>phq-9</c>,
/// <c>qids-sr16</c>, <c>ham-d17</c>, <c>gad-7</c> (clinical-spec §6.1). Other ids are accepted (lower-case
/// letters, digits and hyphens) but have no known total range and no remission definition.
/// </summary>
public readonly record struct InstrumentId
{
    /// <summary>Creates an id; it must be non-blank lower-case letters, digits and hyphens, starting with a letter or digit.</summary>
    public InstrumentId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (!IsWellFormed(value))
        {
            throw new ArgumentException(
                $"Instrument id '{value}' must be lower-case letters, digits and hyphens (e.g. 'madrs', 'phq-9').",
                nameof(value));
        }
        Value = value;
    }

    /// <summary>The id, e.g. <c>madrs</c>.</summary>
    public string Value { get; }

    /// <summary>MADRS, 10 items 0–6, total 0–60 (§6.3).</summary>
    public static InstrumentId Madrs { get; } = new("madrs");

    /// <summary>PHQ-9, total 0–27 (§6.2).</summary>
    public static InstrumentId Phq9 { get; } = new("phq-9");

    /// <summary>QIDS-SR16, total 0–27 (§6.4).</summary>
    public static InstrumentId QidsSr16 { get; } = new("qids-sr16");

    /// <summary>HAM-D17, total 0–52 (§6.5).</summary>
    public static InstrumentId HamD17 { get; } = new("ham-d17");

    /// <summary>GAD-7, total 0–21 (§6.1).</summary>
    public static InstrumentId Gad7 { get; } = new("gad-7");

    /// <summary>Highest possible total of a known instrument (clinical-spec §6.1); null for an unknown id.</summary>
    public int? MaximumTotal => Value switch
    {
        "madrs" => 60,
        "phq-9" => 27,
        "qids-sr16" => 27,
        "ham-d17" => 52,
        "gad-7" => 21,
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() => Value;

    private static bool IsWellFormed(string value)
    {
        if (value[0] == '-')
        {
            return false;
        }
        foreach (var c in value)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-';
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }
}
