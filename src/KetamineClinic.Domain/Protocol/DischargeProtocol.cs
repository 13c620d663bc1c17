using KetamineClinic.Domain.Recovery;

namespace KetamineClinic.Domain.Protocol;

/// <summary>
/// The clinic's recovery and discharge policy (clinical-spec §5.1–5.3, rules DC-01…DC-06). Every value is a [C]
/// clinic policy with the spec's default; every setter checks a range.
/// </summary>
public sealed record DischargeProtocol
{
    /// <summary>The spec v0.2 defaults.</summary>
    public static DischargeProtocol Default { get; } = new();

    /// <summary>
    /// DC-01 <c>minPostInfusionObsMin</c>: minimum observation after the infusion ends. Default 30 min; 120 min for a
    /// clinic that follows the esketamine REMS model.
    /// </summary>
    public int MinPostInfusionObservationMinutes { get; init => field = ProtocolRange.Check(value, 0, 480, nameof(MinPostInfusionObservationMinutes)); } = 30;

    /// <summary>DC-01: extra observation when DDI-CNS-01 fired for the session. Default +30 min.</summary>
    public int CnsDepressantExtensionMinutes { get; init => field = ProtocolRange.Check(value, 0, 240, nameof(CnsDepressantExtensionMinutes)); } = 30;

    /// <summary>DC-02: which score decides readiness. Default PADSS (home-readiness score, [S59]).</summary>
    public DischargeInstrument Instrument { get; init => field = ProtocolRange.Defined(value, nameof(Instrument)); } = DischargeInstrument.Padss;

    /// <summary>DC-02 / §5.3: PADSS or modified PADSS. Default PADSS (Chung 1995).</summary>
    public PadssVariant PadssVariant { get; init => field = ProtocolRange.Defined(value, nameof(PadssVariant)); } = PadssVariant.Padss;

    /// <summary>DC-02: PADSS total needed (0–10). Default ≥ 9.</summary>
    public int PadssMinimumTotal { get; init => field = ProtocolRange.Check(value, 0, 10, nameof(PadssMinimumTotal)); } = 9;

    /// <summary>§5.2: Aldrete circulation in mmHg or percent of baselineBP. Default mmHg (§11).</summary>
    public AldreteCirculationVariant AldreteCirculation { get; init => field = ProtocolRange.Defined(value, nameof(AldreteCirculation)); } = AldreteCirculationVariant.MillimetresOfMercury;

    /// <summary>DC-02 / §5.2: Aldrete threshold variant. Default ≥ 9.</summary>
    public AldreteThresholdVariant AldreteThreshold { get; init => field = ProtocolRange.Defined(value, nameof(AldreteThreshold)); } = AldreteThresholdVariant.NineOrMore;

    /// <summary>DC-03: SBP above this at the last reading blocks discharge; never acknowledgeable. Default 180 mmHg.</summary>
    public int MaxSystolicMmHg { get; init => field = ProtocolRange.Check(value, 120, 220, nameof(MaxSystolicMmHg)); } = 180;

    /// <summary>DC-03: DBP above this at the last reading blocks discharge; never acknowledgeable. Default 110 mmHg.</summary>
    public int MaxDiastolicMmHg { get; init => field = ProtocolRange.Check(value, 70, 140, nameof(MaxDiastolicMmHg)); } = 110;

    /// <summary>DC-03: SBP and DBP within ± this percent of baselineBP, or a physician acknowledges. Default 20 %.</summary>
    public int BpDeviationMaxPercent { get; init => field = ProtocolRange.Check(value, 1, 100, nameof(BpDeviationMaxPercent)); } = 20;

    /// <summary>DC-03: the last reading may be at most this old at discharge. Default 15 min.</summary>
    public int LastReadingMaxAgeMinutes { get; init => field = ProtocolRange.Check(value, 1, 120, nameof(LastReadingMaxAgeMinutes)); } = 15;
}
