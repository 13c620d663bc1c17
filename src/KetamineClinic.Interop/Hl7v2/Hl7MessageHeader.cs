namespace KetamineClinic.Interop.Hl7v2;

/// <summary>HL7 data type HD (hierarchic designator): who sent or receives a message (MSH-3..6).</summary>
public sealed record Hl7HierarchicDesignator(string NamespaceId, string UniversalId, string UniversalIdType)
{
    /// <summary>Nothing given.</summary>
    public static Hl7HierarchicDesignator Empty { get; } = new(string.Empty, string.Empty, string.Empty);

    /// <summary>True when no component is given.</summary>
    public bool IsEmpty => NamespaceId.Length == 0 && UniversalId.Length == 0 && UniversalIdType.Length == 0;

    /// <summary>A name for logs and screens: the namespace id, else the universal id.</summary>
    public string Display => NamespaceId.Length > 0 ? NamespaceId : UniversalId;

    internal static Hl7HierarchicDesignator From(Hl7Field field)
    {
        var rep = field.Repetition(1);
        return new Hl7HierarchicDesignator(rep.Component(1).Value, rep.Component(2).Value, rep.Component(3).Value);
    }
}

/// <summary>
/// The MSH fields a receiver needs to decide what to do with a message and to answer it. Every value is decoded;
/// absent values are empty strings. Available even when the rest of the message could not be read.
/// </summary>
public sealed record Hl7MessageHeader(
    Hl7Delimiters Delimiters,
    Hl7HierarchicDesignator SendingApplication,
    Hl7HierarchicDesignator SendingFacility,
    Hl7HierarchicDesignator ReceivingApplication,
    Hl7HierarchicDesignator ReceivingFacility,
    string MessageTime,
    string MessageType,
    string TriggerEvent,
    string MessageStructure,
    string ControlId,
    string ProcessingId,
    string VersionId,
    string CharacterSet,
    Hl7Charset Charset)
{
    internal static Hl7MessageHeader From(Hl7Segment msh, Hl7Delimiters delimiters, Hl7Charset charset) =>
        new(
            delimiters,
            Hl7HierarchicDesignator.From(msh[3]),
            Hl7HierarchicDesignator.From(msh[4]),
            Hl7HierarchicDesignator.From(msh[5]),
            Hl7HierarchicDesignator.From(msh[6]),
            msh.Value(7).Trim(),
            msh.Value(9, 1).Trim(),
            msh.Value(9, 2).Trim(),
            msh.Value(9, 3).Trim(),
            msh.Value(10).Trim(),
            msh.Value(11).Trim(),
            msh.Value(12).Trim(),
            msh.Value(18).Trim(),
            charset);
}
