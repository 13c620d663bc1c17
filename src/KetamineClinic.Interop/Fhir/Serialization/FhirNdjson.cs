using System.Text;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace KetamineClinic.Interop.Fhir.Serialization;

/// <summary>
/// Newline-delimited JSON for bulk export (<c>application/fhir+ndjson</c>): one compact resource per line, each line
/// ending in <c>\n</c>. Compact FHIR JSON never contains a raw line break (JSON escapes them inside strings).
/// </summary>
public static class FhirNdjson
{
    /// <summary>The media type of bulk-data files.</summary>
    public const string MediaType = "application/fhir+ndjson";

    private static readonly byte[] NewLine = [(byte)'\n'];

    /// <summary>One line (without the terminating newline).</summary>
    public static string ToLine(Resource resource) => FhirJson.Serialize(resource);

    /// <summary>The whole file as text.</summary>
    public static string ToText(IEnumerable<Resource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var builder = new StringBuilder();
        foreach (var resource in resources)
        {
            builder.Append(ToLine(resource)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Writes the resources to <paramref name="destination"/> as they arrive; returns how many were written.</summary>
    public static async Task<long> WriteAsync(Stream destination, IAsyncEnumerable<Resource> resources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(resources);
        long count = 0;
        await foreach (var resource in resources.WithCancellation(cancellationToken))
        {
            await destination.WriteAsync(FhirJson.SerializeToUtf8Bytes(resource), cancellationToken);
            await destination.WriteAsync(NewLine, cancellationToken);
            count++;
        }

        return count;
    }

    /// <summary>Same as the asynchronous overload for an in-memory sequence.</summary>
    public static Task<long> WriteAsync(Stream destination, IEnumerable<Resource> resources, CancellationToken cancellationToken = default) =>
        WriteAsync(destination, ToAsync(resources), cancellationToken);

    private static async IAsyncEnumerable<Resource> ToAsync(IEnumerable<Resource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        foreach (var resource in resources)
        {
            yield return resource;
        }

        await Task.CompletedTask;
    }
}
