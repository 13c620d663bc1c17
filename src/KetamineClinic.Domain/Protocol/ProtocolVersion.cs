namespace KetamineClinic.Domain.Protocol;

/// <summary>
/// Identifies the clinic protocol a decision was made under (e.g. "2026.1"). Every decision records it, so a
/// report can be re-run and an auditor can see which thresholds applied.
/// </summary>
public readonly record struct ProtocolVersion
{
    public ProtocolVersion(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The version label, as signed off by the medical director.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value;
}
