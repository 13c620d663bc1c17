using KetamineClinic.Domain.Infusions.PreInfusion;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Web.Features.Infusions.PreInfusion;

/// <summary>Words for the pre-check, dose and chair-event screens.</summary>
public static class PreInfusionText
{
    public static string Level(Enforcement level) => level switch
    {
        Enforcement.Info => "INFO",
        Enforcement.Warn => "WARN",
        Enforcement.HardStop => "HARD STOP",
        Enforcement.Block => "BLOCK",
    };

    public static string LevelCss(Enforcement level) => level switch
    {
        Enforcement.Info => string.Empty,
        Enforcement.Warn => "kc-alarm--Warn",
        Enforcement.HardStop or Enforcement.Block => "kc-alarm--Critical",
    };

    public static string Outcome(PreInfusionOutcome outcome) => outcome switch
    {
        PreInfusionOutcome.Proceed => "passed",
        PreInfusionOutcome.SignOffRequired => "physician sign-off required",
        PreInfusionOutcome.Defer => "DEFER",
        PreInfusionOutcome.Incomplete => "incomplete",
    };

    public static string YesNo(bool? value) => value switch
    {
        true => "yes",
        false => "no",
        null => string.Empty,
    };

    public static bool? ParseYesNo(object? value) => (value as string) switch
    {
        "yes" => true,
        "no" => false,
        _ => null,
    };
}
