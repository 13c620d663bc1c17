using System.Globalization;
using System.Text.Json;
using KetamineClinic.Domain.Instruments;

namespace KetamineClinic.Web.Features.Infusions.PreInfusion;

/// <summary>Item answers stored as JSON (link id → "yes" / "no" / a number), turned back into <see cref="ItemAnswer"/> for scoring.</summary>
public static class ScaleAnswers
{
    public static string ToJson(IReadOnlyDictionary<string, ItemAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var plain = answers.ToDictionary(a => a.Key, a => a.Value switch
        {
            ItemAnswer.YesNo y => y.Value ? "yes" : "no",
            ItemAnswer.Number n => n.Value.ToString(CultureInfo.InvariantCulture),
            ItemAnswer.Coded c => c.System + "|" + c.Code,
            _ => throw new ArgumentException("Unknown answer type.", nameof(answers)),
        }, StringComparer.Ordinal);
        return JsonSerializer.Serialize(plain);
    }

    public static IReadOnlyDictionary<string, ItemAnswer> FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return new Dictionary<string, ItemAnswer>();
        }

        var plain = JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        return plain.ToDictionary(a => a.Key, a => a.Value switch
        {
            "yes" => ItemAnswer.Of(true),
            "no" => ItemAnswer.Of(false),
            var v when v.Contains('|', StringComparison.Ordinal) => new ItemAnswer.Coded(v[..v.IndexOf('|', StringComparison.Ordinal)], v[(v.IndexOf('|', StringComparison.Ordinal) + 1)..]),
            var v => ItemAnswer.Of(decimal.Parse(v, CultureInfo.InvariantCulture)),
        }, StringComparer.Ordinal);
    }

    /// <summary>One line for the screen and the timeline: "PHQ-9 total 12 (moderate)", "C-SSRS Low", "incomplete: items 3, 4".</summary>
    public static string Describe(InstrumentResult result) => result switch
    {
        InstrumentResult.Scored s => string.Create(CultureInfo.InvariantCulture, $"total {s.Total}{(s.Band is { } b ? $" ({b.Display})" : string.Empty)}"),
        InstrumentResult.Triaged t => $"risk {t.Risk}",
        InstrumentResult.Incomplete i => "incomplete: missing " + string.Join(", ", i.MissingAnswers.Select(m => m.LinkId)),
        InstrumentResult.Invalid v => "invalid: " + string.Join(" ", v.Errors.Select(e => e.Message)),
        _ => throw new ArgumentException("Unknown instrument result.", nameof(result)),
    };
}
