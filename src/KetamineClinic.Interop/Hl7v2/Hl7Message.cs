namespace KetamineClinic.Interop.Hl7v2;

/// <summary>
/// A parsed HL7 v2 message: its delimiters, character set and segments. Values stay encoded until read; every
/// accessor decodes escape sequences. Numbering follows HL7: fields, repetitions, components and subcomponents
/// are 1-based, and MSH-1 is the field separator itself.
/// </summary>
public sealed class Hl7Message
{
    internal Hl7Message(Hl7Delimiters delimiters, Hl7Charset charset, IReadOnlyList<Hl7Segment> segments)
    {
        Delimiters = delimiters;
        Charset = charset;
        Segments = segments;
    }

    /// <summary>The delimiters declared in MSH-1 and MSH-2.</summary>
    public Hl7Delimiters Delimiters { get; }

    /// <summary>The character set the message was read with (MSH-18).</summary>
    public Hl7Charset Charset { get; }

    /// <summary>All segments in order; the first is MSH.</summary>
    public IReadOnlyList<Hl7Segment> Segments { get; }

    /// <summary>The MSH segment.</summary>
    public Hl7Segment Msh => Segments[0];

    /// <summary>The first segment with this id, or null.</summary>
    public Hl7Segment? FirstOrDefault(string segmentId) =>
        Segments.FirstOrDefault(s => string.Equals(s.Id, segmentId, StringComparison.Ordinal));

    /// <summary>Every segment with this id, in order.</summary>
    public IEnumerable<Hl7Segment> All(string segmentId) =>
        Segments.Where(s => string.Equals(s.Id, segmentId, StringComparison.Ordinal));
}

/// <summary>One segment: its id and its fields (still encoded).</summary>
public sealed class Hl7Segment
{
    private readonly string[] _elements;
    private readonly Hl7Delimiters _delimiters;
    private readonly Hl7Charset _charset;

    internal Hl7Segment(string id, int sequence, string[] elements, Hl7Delimiters delimiters, Hl7Charset charset)
    {
        Id = id;
        Sequence = sequence;
        _elements = elements;
        _delimiters = delimiters;
        _charset = charset;
    }

    /// <summary>The three-character segment id (MSH, PID, OBX...).</summary>
    public string Id { get; }

    /// <summary>1-based position among the segments with the same id (ERR-2.2).</summary>
    public int Sequence { get; }

    /// <summary>True for the message header, whose field numbering is shifted by MSH-1.</summary>
    public bool IsHeader => string.Equals(Id, "MSH", StringComparison.Ordinal);

    /// <summary>The highest field number present.</summary>
    public int FieldCount => IsHeader ? _elements.Length : _elements.Length - 1;

    /// <summary>
    /// Field <paramref name="number"/> (1-based); an absent field reads as empty. MSH-1 and MSH-2 are returned
    /// literally (never split, never unescaped).
    /// </summary>
    public Hl7Field this[int number] => Field(number);

    /// <summary>The location of a field of this segment, for error reports.</summary>
    public Hl7Location At(int field, int? component = null) => new(Id, Sequence, field, null, component);

    /// <summary>The location of this segment.</summary>
    public Hl7Location Location => new(Id, Sequence);

    /// <inheritdoc cref="this[int]"/>
    public Hl7Field Field(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        if (IsHeader)
        {
            if (number == 1)
            {
                return new Hl7Field(_delimiters.Field.ToString(), _delimiters, _charset, literal: true);
            }

            var index = number - 1;
            return index < _elements.Length
                ? new Hl7Field(_elements[index], _delimiters, _charset, literal: number == 2)
                : new Hl7Field(string.Empty, _delimiters, _charset, literal: false);
        }

        return number < _elements.Length
            ? new Hl7Field(_elements[number], _delimiters, _charset, literal: false)
            : new Hl7Field(string.Empty, _delimiters, _charset, literal: false);
    }

    /// <summary>Decoded value of field/component/subcomponent of the first repetition (empty when absent).</summary>
    public string Value(int field, int component = 1, int subcomponent = 1) =>
        Field(field).Repetition(1).Component(component).Subcomponent(subcomponent);

    /// <summary>The segment as it was received (without its terminator).</summary>
    public override string ToString() => string.Join(_delimiters.Field, _elements);
}

/// <summary>A field: one or more repetitions separated by the repetition character.</summary>
public readonly struct Hl7Field : IEquatable<Hl7Field>
{
    private readonly Hl7Delimiters _delimiters;
    private readonly Hl7Charset _charset;
    private readonly bool _literal;

    internal Hl7Field(string raw, Hl7Delimiters delimiters, Hl7Charset charset, bool literal)
    {
        Raw = raw;
        _delimiters = delimiters;
        _charset = charset;
        _literal = literal;
    }

    /// <summary>The field as received, still encoded.</summary>
    public string Raw { get; }

    /// <summary>True when the field is absent or empty.</summary>
    public bool IsEmpty => string.IsNullOrEmpty(Raw);

    /// <summary>True for the HL7 explicit null <c>""</c> (which every accessor reads as empty).</summary>
    public bool IsNull => string.Equals(Raw, "\"\"", StringComparison.Ordinal);

    /// <summary>Number of repetitions (0 when empty).</summary>
    public int RepetitionCount =>
        IsEmpty ? 0 : _literal ? 1 : Raw.AsSpan().Count(_delimiters.Repetition) + 1;

    /// <summary>Decoded first component of the first repetition (the value of a simple field).</summary>
    public string Value => Repetition(1).Component(1).Subcomponent(1);

    /// <summary>Repetition <paramref name="number"/> (1-based); absent reads as empty.</summary>
    public Hl7Repetition Repetition(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        if (IsEmpty || IsNull)
        {
            return new Hl7Repetition(string.Empty, _delimiters, _charset, _literal);
        }

        if (_literal)
        {
            return new Hl7Repetition(number == 1 ? Raw : string.Empty, _delimiters, _charset, literal: true);
        }

        return new Hl7Repetition(Hl7Split.Nth(Raw, _delimiters.Repetition, number), _delimiters, _charset, literal: false);
    }

    /// <summary>Every repetition, in order.</summary>
    public IEnumerable<Hl7Repetition> Repetitions()
    {
        for (var i = 1; i <= RepetitionCount; i++)
        {
            yield return Repetition(i);
        }
    }

    /// <summary>Component <paramref name="number"/> of the first repetition.</summary>
    public Hl7Component Component(int number) => Repetition(1).Component(number);

    public bool Equals(Hl7Field other) => string.Equals(Raw, other.Raw, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Hl7Field other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Raw ?? string.Empty);

    public override string ToString() => Raw ?? string.Empty;

    public static bool operator ==(Hl7Field left, Hl7Field right) => left.Equals(right);

    public static bool operator !=(Hl7Field left, Hl7Field right) => !left.Equals(right);
}

/// <summary>One repetition of a field: components separated by the component character.</summary>
public readonly struct Hl7Repetition : IEquatable<Hl7Repetition>
{
    private readonly Hl7Delimiters _delimiters;
    private readonly Hl7Charset _charset;
    private readonly bool _literal;

    internal Hl7Repetition(string raw, Hl7Delimiters delimiters, Hl7Charset charset, bool literal)
    {
        Raw = raw;
        _delimiters = delimiters;
        _charset = charset;
        _literal = literal;
    }

    /// <summary>The repetition as received, still encoded.</summary>
    public string Raw { get; }

    /// <summary>True when empty.</summary>
    public bool IsEmpty => string.IsNullOrEmpty(Raw);

    /// <summary>Number of components (0 when empty).</summary>
    public int ComponentCount => IsEmpty ? 0 : _literal ? 1 : Raw.AsSpan().Count(_delimiters.Component) + 1;

    /// <summary>Decoded first component's first subcomponent.</summary>
    public string Value => Component(1).Subcomponent(1);

    /// <summary>Component <paramref name="number"/> (1-based); absent reads as empty.</summary>
    public Hl7Component Component(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        if (IsEmpty)
        {
            return new Hl7Component(string.Empty, _delimiters, _charset, _literal);
        }

        if (_literal)
        {
            return new Hl7Component(number == 1 ? Raw : string.Empty, _delimiters, _charset, literal: true);
        }

        return new Hl7Component(Hl7Split.Nth(Raw, _delimiters.Component, number), _delimiters, _charset, literal: false);
    }

    public bool Equals(Hl7Repetition other) => string.Equals(Raw, other.Raw, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Hl7Repetition other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Raw ?? string.Empty);

    public override string ToString() => Raw ?? string.Empty;

    public static bool operator ==(Hl7Repetition left, Hl7Repetition right) => left.Equals(right);

    public static bool operator !=(Hl7Repetition left, Hl7Repetition right) => !left.Equals(right);
}

/// <summary>One component: subcomponents separated by the subcomponent character.</summary>
public readonly struct Hl7Component : IEquatable<Hl7Component>
{
    private readonly Hl7Delimiters _delimiters;
    private readonly Hl7Charset _charset;
    private readonly bool _literal;

    internal Hl7Component(string raw, Hl7Delimiters delimiters, Hl7Charset charset, bool literal)
    {
        Raw = raw;
        _delimiters = delimiters;
        _charset = charset;
        _literal = literal;
    }

    /// <summary>The component as received, still encoded.</summary>
    public string Raw { get; }

    /// <summary>Number of subcomponents (0 when empty).</summary>
    public int SubcomponentCount =>
        string.IsNullOrEmpty(Raw) ? 0 : _literal ? 1 : Raw.AsSpan().Count(_delimiters.Subcomponent) + 1;

    /// <summary>Decoded first subcomponent (the component's value when it has no subcomponents).</summary>
    public string Value => Subcomponent(1);

    /// <summary>Decoded subcomponent <paramref name="number"/> (1-based); absent reads as empty.</summary>
    public string Subcomponent(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        if (string.IsNullOrEmpty(Raw))
        {
            return string.Empty;
        }

        if (_literal)
        {
            return number == 1 ? Raw : string.Empty;
        }

        var leaf = Hl7Split.Nth(Raw, _delimiters.Subcomponent, number);
        return _delimiters.UnescapeText(leaf, _charset);
    }

    public bool Equals(Hl7Component other) => string.Equals(Raw, other.Raw, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Hl7Component other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Raw ?? string.Empty);

    public override string ToString() => Raw ?? string.Empty;

    public static bool operator ==(Hl7Component left, Hl7Component right) => left.Equals(right);

    public static bool operator !=(Hl7Component left, Hl7Component right) => !left.Equals(right);
}

internal static class Hl7Split
{
    /// <summary>The n-th (1-based) piece of <paramref name="text"/> split on <paramref name="separator"/>, or empty.</summary>
    public static string Nth(string text, char separator, int n)
    {
        var start = 0;
        for (var i = 1; i < n; i++)
        {
            var next = text.IndexOf(separator, start);
            if (next < 0)
            {
                return string.Empty;
            }

            start = next + 1;
        }

        var end = text.IndexOf(separator, start);
        return end < 0 ? text[start..] : text[start..end];
    }
}
