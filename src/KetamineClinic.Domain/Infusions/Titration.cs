using System.Globalization;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Infusions;

/// <summary>Titration proposals and the step-up gate, <c>DOSE-03</c> (clinical-spec §3.1).</summary>
public static class Titration
{
    /// <summary>
    /// The next rung of the titration ladder above the previous dose (default ladder 0.5 → 0.75 → 1.0 mg/kg),
    /// or null when the previous dose is at or above the top rung. This is a proposal for the physician.
    /// </summary>
    public static decimal? ProposeNextStepMgPerKg(decimal previousDoseMgPerKg, DosingProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        foreach (var step in protocol.TitrationStepsMgPerKg)
        {
            if (step > previousDoseMgPerKg)
            {
                return step;
            }
        }
        return null;
    }

    /// <summary>
    /// DOSE-03: an order above the previous infusion's dose is a step-up. BLOCK when it goes beyond the next rung
    /// (at most one step per infusion; a signature does not clear this) or when no physician signed it. A signed
    /// single step gives an INFO finding for the audit trail. No finding for a first infusion or an unchanged or lower dose.
    /// </summary>
    public static RuleFinding? Evaluate(DoseOrder order, DosingProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(protocol);
        if (order.PreviousDoseMgPerKg is not { } previous || order.DoseMgPerKg <= previous)
        {
            return null;
        }

        var next = ProposeNextStepMgPerKg(previous, protocol);
        if (next is { } rung && order.DoseMgPerKg > rung)
        {
            return new RuleFinding(DosingRuleIds.Titration, Enforcement.Block,
                Invariant($"DOSE-03: {order.DoseMgPerKg} mg/kg after {previous} mg/kg skips a titration step; at most one step per infusion (next step {rung} mg/kg)."),
                ["S7", "C"]);
        }
        if (order.StepUpSignOff is not { } signOff)
        {
            return new RuleFinding(DosingRuleIds.Titration, Enforcement.Block,
                Invariant($"DOSE-03: step-up from {previous} to {order.DoseMgPerKg} mg/kg is not signed by a physician; it is not prepared until signed."),
                ["S7", "C"]);
        }
        return new RuleFinding(DosingRuleIds.Titration, Enforcement.Info,
            Invariant($"DOSE-03: step-up from {previous} to {order.DoseMgPerKg} mg/kg signed by {signOff.Physician} at {signOff.SignedAt:O}."),
            ["S7", "C"]);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
