using System.Globalization;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Outcomes;

/// <summary>How a remission cut-off compares the total.</summary>
public enum CutoffComparison
{
    /// <summary>Remission when total ≤ value (MADRS ≤10, QIDS-SR16 ≤5, HAM-D17 ≤7).</summary>
    AtMost,

    /// <summary>Remission when total &lt; value (PHQ-9 &lt;5).</summary>
    LessThan,
}

/// <summary>
/// A remission cut-off as the spec words it (clinical-spec §7.1), e.g. MADRS "≤10" or PHQ-9 "&lt;5". Carried on
/// every remission result so a report can be re-run with the cut-off that was used.
/// </summary>
public sealed record RemissionCutoff
{
    /// <summary>Creates a cut-off; the value must lie within the instrument's total range when it is known.</summary>
    /// <param name="instrument">Instrument the cut-off applies to.</param>
    /// <param name="comparison">≤ or &lt;.</param>
    /// <param name="value">Cut-off total (0 to the instrument maximum; for &lt;, 1 to the maximum).</param>
    /// <param name="rule">Rule id the cut-off implements (e.g. PHQ9-REM-01).</param>
    public RemissionCutoff(InstrumentId instrument, CutoffComparison comparison, int value, RuleId rule)
    {
        if (!Enum.IsDefined(comparison))
        {
            throw new ArgumentOutOfRangeException(nameof(comparison), comparison, "Unknown comparison.");
        }
        var min = comparison == CutoffComparison.LessThan ? 1 : 0;
        if (value < min || (instrument.MaximumTotal is { } max && value > max))
        {
            throw new ArgumentOutOfRangeException(
                nameof(value),
                value,
                string.Create(CultureInfo.InvariantCulture, $"A {instrument} remission cut-off must lie within the instrument's total range."));
        }
        Instrument = instrument;
        Comparison = comparison;
        Value = value;
        Rule = rule;
    }

    /// <summary>Instrument the cut-off applies to.</summary>
    public InstrumentId Instrument { get; }

    /// <summary>≤ or &lt;.</summary>
    public CutoffComparison Comparison { get; }

    /// <summary>Cut-off total.</summary>
    public int Value { get; }

    /// <summary>Rule id.</summary>
    public RuleId Rule { get; }

    /// <summary>True when <paramref name="total"/> is in remission under this cut-off.</summary>
    public bool IsMetBy(int total) => Comparison switch
    {
        CutoffComparison.AtMost => total <= Value,
        CutoffComparison.LessThan => total < Value,
    };

    /// <summary>The cut-off as shown in reports, e.g. "≤10" or "&lt;5".</summary>
    public string Display => Comparison switch
    {
        CutoffComparison.AtMost => string.Create(CultureInfo.InvariantCulture, $"≤{Value}"),
        CutoffComparison.LessThan => string.Create(CultureInfo.InvariantCulture, $"<{Value}"),
    };

    /// <inheritdoc />
    public override string ToString() => $"{Instrument} {Display} ({Rule})";
}

/// <summary>Remission verdict for one total, with the cut-off used.</summary>
/// <param name="InRemission">True when the total meets the cut-off.</param>
/// <param name="Total">Total evaluated.</param>
/// <param name="Cutoff">Cut-off used (stored so reports can be re-run).</param>
public sealed record RemissionResult(bool InRemission, int Total, RemissionCutoff Cutoff);

/// <summary>Remission per instrument (clinical-spec §7.1, §6.2 PHQ9-REM-01, §6.4, §6.5).</summary>
public static class RemissionRules
{
    /// <summary>
    /// Remission of <paramref name="total"/> under the protocol's cut-off for <paramref name="instrument"/>; depends
    /// only on the current score (TV-73). Null when the instrument has no remission definition in the spec
    /// (e.g. GAD-7).
    /// </summary>
    public static RemissionResult? Evaluate(InstrumentId instrument, int total, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var cutoff = protocol.Outcomes.RemissionCutoffFor(instrument);
        return cutoff is null ? null : new RemissionResult(cutoff.IsMetBy(total), total, cutoff);
    }
}
