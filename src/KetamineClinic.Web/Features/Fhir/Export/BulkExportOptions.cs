namespace KetamineClinic.Web.Features.Fhir.Export;

/// <summary>Settings under <c>Fhir:Export</c>.</summary>
public sealed class BulkExportOptions
{
    public const string Section = "Fhir:Export";

    /// <summary>Resources per NDJSON file before a new part starts.</summary>
    public int ResourcesPerFile { get; set; } = 10_000;

    /// <summary>How long a completed export's files stay downloadable.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Queued or running exports one client may have at once (more get 429).</summary>
    public int MaxActiveJobsPerClient { get; set; } = 3;

    /// <summary>How often the worker looks for queued jobs besides being woken by a kick-off (other instances, restarts).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Run the export worker in this instance (one instance per database should).</summary>
    public bool WorkerEnabled { get; set; } = true;
}
