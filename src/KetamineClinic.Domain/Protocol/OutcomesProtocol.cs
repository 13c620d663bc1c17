using System.Globalization;
using KetamineClinic.Domain.Outcomes;

namespace KetamineClinic.Domain.Protocol;

/// <summary>Which relapse definition a clinic reports (clinical-spec §7.2, §11 "Relapse").</summary>
public enum RelapseRuleSet
{
    /// <summary>RELAPSE-KET (default): loss of RESP-01 response on 2 consecutive post-induction MADRS ratings.</summary>
    Ketamine,

    /// <summary>RELAPSE-SUSTAIN: MADRS ≥22 on 2 assessments 5–15 days apart, or a clinically relevant event.</summary>
    Sustain,
}

/// <summary>
/// Outcome policy (clinical-spec §7): remission cut-offs per instrument, the relapse rule set, and the booster
/// signal (BOOST-01, this module's own [C] rule). <see cref="Default"/> holds the spec's defaults.
/// </summary>
public sealed record OutcomesProtocol
{
    private readonly RemissionCutoff madrsRemission = new(InstrumentId.Madrs, CutoffComparison.AtMost, 10, OutcomeRules.RemMadrs);
    private readonly RemissionCutoff phq9Remission = new(InstrumentId.Phq9, CutoffComparison.LessThan, 5, OutcomeRules.Phq9Rem01);
    private readonly RemissionCutoff qidsRemission = new(InstrumentId.QidsSr16, CutoffComparison.AtMost, 5, OutcomeRules.RemQids);
    private readonly RemissionCutoff hamDRemission = new(InstrumentId.HamD17, CutoffComparison.AtMost, 7, OutcomeRules.RemHamD);
    private readonly RelapseRuleSet relapseRuleSet = RelapseRuleSet.Ketamine;

    /// <summary>The spec's defaults: MADRS ≤10, PHQ-9 &lt;5, QIDS-SR16 ≤5, HAM-D17 ≤7, RELAPSE-KET, booster signal on.</summary>
    public static OutcomesProtocol Default { get; } = new();

    /// <summary>
    /// MADRS remission (§7.1, §11): default ≤10 [C] (option A); ≤12 is option B (esketamine programme); &lt;10 also
    /// published. Allowed: any cut-off whose highest remitting total is 9–12.
    /// </summary>
    public RemissionCutoff MadrsRemission
    {
        get => madrsRemission;
        init => madrsRemission = Check(value, InstrumentId.Madrs, 9, 12);
    }

    /// <summary>PHQ-9 remission, PHQ9-REM-01 (§6.2): &lt;5 [S44] [V]. Allowed: highest remitting total 0–9 (below "moderate").</summary>
    public RemissionCutoff Phq9Remission
    {
        get => phq9Remission;
        init => phq9Remission = Check(value, InstrumentId.Phq9, 0, 9);
    }

    /// <summary>QIDS-SR16 remission (§6.4, §7.1): ≤5 (STAR*D) [V]. Allowed: highest remitting total 0–10 (below "moderate").</summary>
    public RemissionCutoff QidsSr16Remission
    {
        get => qidsRemission;
        init => qidsRemission = Check(value, InstrumentId.QidsSr16, 0, 10);
    }

    /// <summary>HAM-D17 remission (§6.5, §7.1): ≤7 [K]. Allowed: highest remitting total 0–16 (below "moderate").</summary>
    public RemissionCutoff HamD17Remission
    {
        get => hamDRemission;
        init => hamDRemission = Check(value, InstrumentId.HamD17, 0, 16);
    }

    /// <summary>Relapse definition used by default (§7.2, §11): RELAPSE-KET.</summary>
    public RelapseRuleSet RelapseRuleSet
    {
        get => relapseRuleSet;
        init => relapseRuleSet = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown relapse rule set.");
    }

    /// <summary>BOOST-01 [C]: whether the booster-review suggestion is computed at all (default true).</summary>
    public bool BoosterSignalEnabled { get; init; } = true;

    /// <summary>
    /// BOOST-01 [C]: also suggest a review on the first post-induction rating that shows loss of response (early
    /// warning, before a relapse is confirmed). Default true.
    /// </summary>
    public bool BoosterEarlyWarning { get; init; } = true;

    /// <summary>The remission cut-off for <paramref name="instrument"/>; null when the spec defines none (e.g. GAD-7).</summary>
    public RemissionCutoff? RemissionCutoffFor(InstrumentId instrument) => instrument.Value switch
    {
        "madrs" => MadrsRemission,
        "phq-9" => Phq9Remission,
        "qids-sr16" => QidsSr16Remission,
        "ham-d17" => HamD17Remission,
        _ => null,
    };

    private static RemissionCutoff Check(RemissionCutoff value, InstrumentId instrument, int lowestMax, int highestMax)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Instrument != instrument)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A {value.Instrument} cut-off cannot be the {instrument} remission cut-off."),
                nameof(value));
        }
        var highestRemittingTotal = value.Comparison switch
        {
            CutoffComparison.AtMost => value.Value,
            CutoffComparison.LessThan => value.Value - 1,
        };
        if (highestRemittingTotal < lowestMax || highestRemittingTotal > highestMax)
        {
            throw new ArgumentOutOfRangeException(
                nameof(value),
                value.Display,
                string.Create(CultureInfo.InvariantCulture, $"The {instrument} remission cut-off must let totals up to {lowestMax}–{highestMax} remit."));
        }
        return value;
    }
}
