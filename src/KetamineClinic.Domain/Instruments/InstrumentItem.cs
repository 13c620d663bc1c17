using System.Globalization;

namespace KetamineClinic.Domain.Instruments;

/// <summary>What kind of answer an item takes.</summary>
public enum ItemAnswerType
{
    /// <summary>A whole number within the item's range (e.g. PHQ-9 0–3, MADRS 0–6).</summary>
    WholeNumber,

    /// <summary>Yes or No (C-SSRS). Stored as 1 (Yes) or 0 (No).</summary>
    YesNo,
}

/// <summary>One allowed answer of an item: its value, a short label, and its LOINC answer code when verified.</summary>
/// <param name="Value">The numeric value that is scored (Yes = 1, No = 0 for yes/no items).</param>
/// <param name="Display">Short label shown on forms.</param>
/// <param name="Code">LOINC answer code where the spec gives one (e.g. LA6568-5 = 0), else null.</param>
public sealed record AnswerOption(int Value, string Display, ConceptCode? Code = null)
{
    /// <summary>Short label shown on forms; never blank.</summary>
    public string Display { get; } = Checks.NotBlank(Display, nameof(Display));
}

/// <summary>
/// One item of an instrument: its link id (stable key in a questionnaire response), a short paraphrased text
/// (never the copyrighted wording), the LOINC item code where the spec verified one, the allowed answers, and
/// whether the item counts towards the total and must be answered.
/// </summary>
public sealed record InstrumentItem
{
    /// <summary>Creates an item; options must be distinct contiguous ascending values.</summary>
    /// <param name="linkId">Stable key of the item within its instrument (e.g. "9", "6a").</param>
    /// <param name="text">Short paraphrased label.</param>
    /// <param name="answerType">Integer or yes/no.</param>
    /// <param name="options">Allowed answers, ascending by value, without gaps.</param>
    /// <param name="code">Item code (LOINC where verified, or a local code), else null.</param>
    /// <param name="scored">True when the item counts towards the total.</param>
    /// <param name="required">True when a blank answer makes the instrument incomplete (SCALE-01).</param>
    /// <param name="enabledWhenYesTo">Link id of a yes/no item that must be Yes for this item to be asked.</param>
    public InstrumentItem(
        string linkId,
        string text,
        ItemAnswerType answerType,
        IReadOnlyList<AnswerOption> options,
        ConceptCode? code = null,
        bool scored = true,
        bool required = true,
        string? enabledWhenYesTo = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(linkId);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Count < 2)
        {
            throw new ArgumentException($"Item {linkId} needs at least two answer options.", nameof(options));
        }

        for (var i = 1; i < options.Count; i++)
        {
            if (options[i].Value != options[i - 1].Value + 1)
            {
                throw new ArgumentException($"Item {linkId}: answer values must be contiguous and ascending.", nameof(options));
            }
        }

        if (answerType == ItemAnswerType.YesNo && (options[0].Value != 0 || options.Count != 2))
        {
            throw new ArgumentException($"Item {linkId}: a yes/no item has exactly the values 0 (No) and 1 (Yes).", nameof(options));
        }

        if (enabledWhenYesTo is not null && string.Equals(enabledWhenYesTo, linkId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Item {linkId} cannot depend on itself.", nameof(enabledWhenYesTo));
        }

        LinkId = linkId;
        Text = text;
        AnswerType = answerType;
        Options = options;
        Code = code;
        Scored = scored;
        Required = required;
        EnabledWhenYesTo = enabledWhenYesTo;
    }

    /// <summary>Stable key of the item within its instrument.</summary>
    public string LinkId { get; }

    /// <summary>Short paraphrased label.</summary>
    public string Text { get; }

    /// <summary>Integer or yes/no.</summary>
    public ItemAnswerType AnswerType { get; }

    /// <summary>Allowed answers, ascending by value.</summary>
    public IReadOnlyList<AnswerOption> Options { get; }

    /// <summary>Item code (LOINC where verified, or local), else null.</summary>
    public ConceptCode? Code { get; }

    /// <summary>True when the item counts towards the total.</summary>
    public bool Scored { get; }

    /// <summary>True when a blank answer makes the instrument incomplete (when the item is enabled).</summary>
    public bool Required { get; }

    /// <summary>Link id of the yes/no item that must be Yes for this item to be asked; null when always asked.</summary>
    public string? EnabledWhenYesTo { get; }

    /// <summary>Lowest allowed value.</summary>
    public int MinValue => Options[0].Value;

    /// <summary>Highest allowed value.</summary>
    public int MaxValue => Options[^1].Value;

    /// <summary>The allowed range as shown in messages, e.g. "0–3" or "Yes/No".</summary>
    public string AllowedRangeText => AnswerType switch
    {
        ItemAnswerType.WholeNumber => string.Create(CultureInfo.InvariantCulture, $"{MinValue}–{MaxValue}"),
        ItemAnswerType.YesNo => "Yes/No",
    };

    /// <summary>An integer item with values <paramref name="min"/>..<paramref name="max"/> labelled by their numbers.</summary>
    public static InstrumentItem Scale(
        string linkId,
        string text,
        int min,
        int max,
        ConceptCode? code = null,
        bool scored = true,
        bool required = true)
    {
        if (max <= min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, "The highest value must be above the lowest.");
        }

        var options = Enumerable.Range(min, max - min + 1)
            .Select(v => new AnswerOption(v, v.ToString(CultureInfo.InvariantCulture)))
            .ToArray();
        return new InstrumentItem(linkId, text, ItemAnswerType.WholeNumber, options, code, scored, required);
    }

    /// <summary>A yes/no item (No = 0, Yes = 1).</summary>
    public static InstrumentItem YesNo(
        string linkId,
        string text,
        ConceptCode? code,
        bool required = true,
        string? enabledWhenYesTo = null) =>
        new(
            linkId,
            text,
            ItemAnswerType.YesNo,
            [new AnswerOption(0, "No"), new AnswerOption(1, "Yes")],
            code,
            scored: false,
            required,
            enabledWhenYesTo);
}
