using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Infusions.Vitals;

/// <summary>The five outcomes of the pre-infusion vital-sign gate, for exhaustive switches.</summary>
public enum GateOutcome
{
    /// <summary>No gate condition on the deciding values: the infusion may start.</summary>
    Proceed,

    /// <summary>Only WARN findings: the infusion may start once a physician acknowledges (BP-PRE-02/03, HR-PRE-02).</summary>
    WarnWithSignOff,

    /// <summary>A HARD STOP finding: defer, unless a physician overrides with a reason (BP-PRE-01, HR-PRE-01, SPO2-PRE-01).</summary>
    Defer,

    /// <summary>The first reading met a gate condition and its repeat is not yet due-and-past: take the repeat.</summary>
    AwaitingRepeat,

    /// <summary>A gated vital sign (BP, HR or SpO₂) was never measured: measure it before the gate can decide.</summary>
    Incomplete,
}

/// <summary>How the deciding values were chosen under the §2.3 repeat rule.</summary>
public enum RepeatResolution
{
    /// <summary>The first reading met no gate condition and no other reading was taken: it decides.</summary>
    NoRepeatNeeded,

    /// <summary>The repeat, taken 5 ± 1 min after the first, decides.</summary>
    RepeatDecided,

    /// <summary>A required repeat was never taken (its window has passed): the most abnormal reading decides.</summary>
    RepeatMissing,

    /// <summary>The repeat fell outside its window: the most abnormal reading decides.</summary>
    RepeatOutsideWindow,

    /// <summary>
    /// The first reading met no condition but a second reading was taken anyway: the most abnormal of both decides,
    /// so a measured abnormal value is never ignored (our decision; the spec is silent).
    /// </summary>
    UnrequestedRepeatConsidered,
}

/// <summary>A vital sign that a pre-infusion gate needs.</summary>
public enum GatedVitalSign
{
    /// <summary>Blood pressure (BP-PRE-01/02/03).</summary>
    BloodPressure,

    /// <summary>Heart rate (HR-PRE-01/02).</summary>
    HeartRate,

    /// <summary>SpO₂ (SPO2-PRE-01).</summary>
    Spo2,
}

/// <summary>
/// Result of the pre-infusion vital-sign gates (clinical-spec §2.3). A closed hierarchy: <see cref="Proceed"/>,
/// <see cref="WarnWithSignOff"/>, <see cref="Defer"/>, <see cref="AwaitingRepeat"/>, <see cref="Incomplete"/>;
/// <see cref="Outcome"/> names the case for an exhaustive switch. Every case carries the findings (with who may
/// acknowledge or override) and the protocol version used.
/// </summary>
public abstract record PreInfusionGateDecision
{
    private PreInfusionGateDecision(IReadOnlyList<RuleFinding> findings, ProtocolVersion protocolVersion)
    {
        Findings = findings;
        ProtocolVersion = protocolVersion;
    }

    /// <summary>Which case this is.</summary>
    public abstract GateOutcome Outcome { get; }

    /// <summary>Gate findings on the deciding values (provisional, from the first reading, while awaiting a repeat).</summary>
    public IReadOnlyList<RuleFinding> Findings { get; }

    /// <summary>The protocol version whose thresholds were used.</summary>
    public ProtocolVersion ProtocolVersion { get; }

    /// <summary>True only when the infusion may start without any acknowledgement or override.</summary>
    public bool MayStartWithoutSignOff => Outcome == GateOutcome.Proceed;

    /// <summary>Common shape of the three decided outcomes.</summary>
    public abstract record Decided : PreInfusionGateDecision
    {
        private protected Decided(
            IReadOnlyList<RuleFinding> findings,
            ProtocolVersion protocolVersion,
            VitalsReading decidingReading,
            VitalsBaseline baseline,
            RepeatResolution resolution)
            : base(findings, protocolVersion)
        {
            DecidingReading = decidingReading;
            Baseline = baseline;
            Resolution = resolution;
        }

        /// <summary>
        /// The reading that decided: the repeat when it decides, else the first; when the most abnormal reading
        /// decides, the reading whose own findings are strictest (the later one on a tie).
        /// </summary>
        public VitalsReading DecidingReading { get; }

        /// <summary>The encounter's baseline (<c>baselineBP</c> for DC-03, Aldrete and PADSS).</summary>
        public VitalsBaseline Baseline { get; }

        /// <summary>How the deciding values were chosen.</summary>
        public RepeatResolution Resolution { get; }
    }

    /// <summary>No gate condition: the infusion may start.</summary>
    public sealed record Proceed : Decided
    {
        internal Proceed(IReadOnlyList<RuleFinding> findings, ProtocolVersion version, VitalsReading deciding, VitalsBaseline baseline, RepeatResolution resolution)
            : base(findings, version, deciding, baseline, resolution)
        {
        }

        /// <inheritdoc />
        public override GateOutcome Outcome => GateOutcome.Proceed;
    }

    /// <summary>WARN findings only: a physician acknowledges (risk–benefit note for BP-PRE-02) before starting.</summary>
    public sealed record WarnWithSignOff : Decided
    {
        internal WarnWithSignOff(IReadOnlyList<RuleFinding> findings, ProtocolVersion version, VitalsReading deciding, VitalsBaseline baseline, RepeatResolution resolution)
            : base(findings, version, deciding, baseline, resolution)
        {
        }

        /// <inheritdoc />
        public override GateOutcome Outcome => GateOutcome.WarnWithSignOff;
    }

    /// <summary>A HARD STOP: defer the infusion unless a physician overrides with a reason (creates a DetectedIssue).</summary>
    public sealed record Defer : Decided
    {
        internal Defer(IReadOnlyList<RuleFinding> findings, ProtocolVersion version, VitalsReading deciding, VitalsBaseline baseline, RepeatResolution resolution)
            : base(findings, version, deciding, baseline, resolution)
        {
        }

        /// <inheritdoc />
        public override GateOutcome Outcome => GateOutcome.Defer;
    }

    /// <summary>The first reading met a gate condition: take a seated repeat between <see cref="RepeatDueFrom"/> and <see cref="RepeatDueBy"/>.</summary>
    public sealed record AwaitingRepeat : PreInfusionGateDecision
    {
        internal AwaitingRepeat(IReadOnlyList<RuleFinding> provisionalFindings, ProtocolVersion version, DateTimeOffset dueFrom, DateTimeOffset dueBy)
            : base(provisionalFindings, version)
        {
            RepeatDueFrom = dueFrom;
            RepeatDueBy = dueBy;
        }

        /// <inheritdoc />
        public override GateOutcome Outcome => GateOutcome.AwaitingRepeat;

        /// <summary>Earliest instant a repeat counts (first + 5 − 1 min by default).</summary>
        public DateTimeOffset RepeatDueFrom { get; }

        /// <summary>Latest instant a repeat counts (first + 5 + 1 min by default); after it the most abnormal reading decides.</summary>
        public DateTimeOffset RepeatDueBy { get; }
    }

    /// <summary>A gated vital sign was never measured; the gate cannot decide.</summary>
    public sealed record Incomplete : PreInfusionGateDecision
    {
        internal Incomplete(IReadOnlyList<RuleFinding> findings, ProtocolVersion version, IReadOnlyList<GatedVitalSign> missing)
            : base(findings, version)
        {
            Missing = missing;
        }

        /// <inheritdoc />
        public override GateOutcome Outcome => GateOutcome.Incomplete;

        /// <summary>The vital signs still to measure.</summary>
        public IReadOnlyList<GatedVitalSign> Missing { get; }
    }
}
