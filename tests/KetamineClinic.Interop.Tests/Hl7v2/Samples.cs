using System.Text;

namespace KetamineClinic.Interop.Tests.Hl7v2;

/// <summary>The synthetic sample messages under Hl7v2/Samples (stored with LF line ends).</summary>
internal static class Samples
{
    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Hl7v2", "Samples", name);

    /// <summary>The sample as HL7 text with CR segment terminators.</summary>
    public static string Load(string name) => LoadWithLf(name).Replace('\n', '\r');

    /// <summary>The sample exactly as stored (LF line ends), decoded as UTF-8.</summary>
    public static string LoadWithLf(string name) => File.ReadAllText(PathOf(name), Encoding.UTF8);

    /// <summary>The sample's bytes with CR segment terminators (as they arrive in an MLLP frame).</summary>
    public static byte[] Bytes(string name)
    {
        var bytes = File.ReadAllBytes(PathOf(name));
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                bytes[i] = (byte)'\r';
            }
        }

        return bytes;
    }
}
