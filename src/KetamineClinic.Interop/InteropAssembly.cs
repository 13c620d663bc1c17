namespace KetamineClinic.Interop;

/// <summary>Marker for the interop assembly (FHIR R4 and HL7 v2 mapping live here).</summary>
public static class InteropAssembly;
