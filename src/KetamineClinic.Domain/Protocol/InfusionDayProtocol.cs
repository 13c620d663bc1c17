namespace KetamineClinic.Domain.Protocol;

/// <summary>
/// Infusion-day workflow defaults (clinical-spec §4.2, §4.4): when the in-session dissociation and sedation
/// scales are due. Every property is a [C] default the medical director signs off.
/// </summary>
public sealed record InfusionDayProtocol
{
    /// <summary>The spec's defaults (clinical-spec v0.2).</summary>
    public static InfusionDayProtocol Default { get; } = new();

    /// <summary>
    /// <c>INF-SCALE-01</c> (clinical-spec §4.2 "CADSS and/or MOAA/S at ~40 min" [C]): minutes of running infusion
    /// after which the session page prompts for CADSS and MOAA/S. Default 40; allowed 5–100.
    /// </summary>
    public int ScalesDueAtInfusionMinute { get; init => field = ProtocolRange.Check(value, 5, 100, nameof(ScalesDueAtInfusionMinute)); } = 40;
}
