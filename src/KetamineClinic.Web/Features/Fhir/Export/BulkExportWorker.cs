using System.Globalization;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Features.Fhir.Export;

/// <summary>Wakes the export worker when a job is queued (the worker also polls, for restarts and other instances).</summary>
public sealed class BulkExportSignal
{
    // Capacity one, extra wake-ups dropped: one wake-up runs every queued job.
    private readonly System.Threading.Channels.Channel<bool> _wake = System.Threading.Channels.Channel.CreateBounded<bool>(
        new System.Threading.Channels.BoundedChannelOptions(1) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite });

    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Waits for a wake-up or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            await _wake.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Timed out: poll.
        }
    }
}

/// <summary>
/// Runs queued exports one at a time: streams each type (<see cref="BulkExportSources"/>) into NDJSON parts,
/// each part committed with the job's progress (so a cancel that lands in between makes the commit fail instead of
/// leaving a file behind), then completes the job together with one audit event per exported patient. Removes the
/// files of cancelled and expired jobs.
/// </summary>
internal sealed partial class BulkExportWorker(
    IDbContextFactory<ClinicDbContext> contexts,
    BulkExportSources sources,
    BulkExportSignal signal,
    ActorAuditTrails audits,
    TimeProvider clock,
    IOptions<BulkExportOptions> options,
    ILogger<BulkExportWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
        {
            return;
        }
        try
        {
            await RequeueInterruptedAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunQueuedAsync(stoppingToken);
                await SweepAsync(stoppingToken);
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping: a running job is requeued at the next start.
        }
    }

    /// <summary>A job that was running when the process stopped starts again from the beginning.</summary>
    internal async Task RequeueInterruptedAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var interrupted = await db.Set<BulkExportJob>().Where(j => j.Status == BulkExportStatus.Running).ToListAsync(ct);
        foreach (var job in interrupted)
        {
            await db.Set<BulkExportFile>().Where(f => f.JobId == job.Id).ExecuteDeleteAsync(ct);
            job.Status = BulkExportStatus.Queued;
            job.ResourcesWritten = 0;
            job.Version = Guid.NewGuid();
        }
        await db.SaveChangesAsync(ct);
    }

    internal async Task RunQueuedAsync(CancellationToken ct)
    {
        while (await ClaimNextAsync(ct) is { } job)
        {
            await RunAsync(job, ct);
        }
    }

    private async Task<BulkExportJob?> ClaimNextAsync(CancellationToken ct)
    {
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var job = await db.Set<BulkExportJob>()
                .Where(j => j.Status == BulkExportStatus.Queued)
                .OrderBy(j => j.RequestedAt).ThenBy(j => j.Id)
                .FirstOrDefaultAsync(ct);
            if (job is null)
            {
                return null;
            }
            var now = clock.GetUtcNow();
            job.Status = BulkExportStatus.Running;
            job.StartedAt = now;
            job.TransactionTime = now;
            job.Version = Guid.NewGuid();
            try
            {
                await db.SaveChangesAsync(ct);
                return job;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Cancelled or claimed elsewhere in between: look again.
            }
        }
    }

    private async Task RunAsync(BulkExportJob job, CancellationToken ct)
    {
        var scope = new BulkExportScope(job.Level, job.Since, job.TransactionTime!.Value);
        var patients = new HashSet<Guid>();
        var counts = new List<string>();
        var version = job.Version;
        try
        {
            foreach (var type in job.TypeList)
            {
                var part = 0;
                long inPart = 0;
                long inType = 0;
                using var buffer = new MemoryStream();
                await using (var read = await contexts.CreateDbContextAsync(ct))
                {
                    await foreach (var exported in sources.ReadAsync(read, type, scope, ct))
                    {
                        buffer.Write(System.Text.Encoding.UTF8.GetBytes(exported.Json));
                        buffer.WriteByte((byte)'\n');
                        inPart++;
                        inType++;
                        if (exported.PatientId is { } patient)
                        {
                            patients.Add(patient);
                        }
                        if (inPart >= options.Value.ResourcesPerFile)
                        {
                            version = await SavePartAsync(job.Id, version, type, ++part, inPart, buffer, ct);
                            inPart = 0;
                        }
                    }
                }
                if (inPart > 0)
                {
                    version = await SavePartAsync(job.Id, version, type, ++part, inPart, buffer, ct);
                }
                counts.Add(string.Create(CultureInfo.InvariantCulture, $"{type} {inType}"));
            }
            await CompleteAsync(job, version, patients, counts, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The client cancelled while we were writing: nothing of this job may stay behind.
            await DeleteFilesAsync(job.Id, CancellationToken.None);
            LogCancelled(log, job.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(log, ex, job.Id);
            await FailAsync(job.Id, ex, CancellationToken.None);
        }
    }

    private async Task<Guid> SavePartAsync(Guid jobId, Guid version, string type, int part, long count, MemoryStream buffer, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var job = await db.Set<BulkExportJob>().SingleAsync(j => j.Id == jobId, ct);
        if (job.Version != version || job.Status != BulkExportStatus.Running)
        {
            throw new DbUpdateConcurrencyException("The export was cancelled.");
        }
        db.Add(new BulkExportFile { JobId = jobId, ResourceType = type, Part = part, ResourceCount = count, Content = buffer.ToArray() });
        job.ResourcesWritten += count;
        job.Version = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        buffer.SetLength(0);
        return job.Version;
    }

    private async Task CompleteAsync(BulkExportJob claimed, Guid version, HashSet<Guid> patients, List<string> counts, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var job = await db.Set<BulkExportJob>().SingleAsync(j => j.Id == claimed.Id, ct);
        if (job.Version != version || job.Status != BulkExportStatus.Running)
        {
            throw new DbUpdateConcurrencyException("The export was cancelled.");
        }
        job.Status = BulkExportStatus.Completed;
        job.CompletedAt = clock.GetUtcNow();
        job.Version = Guid.NewGuid();
        // Who: the client that asked. One event per patient, so each patient's access report shows the export.
        var audit = audits.For(new AuditActorInfo(null, job.RequestedBy, ActorAuditTrails.SystemRole, job.ClientAddress));
        var detail = $"{job.Level.ToString().ToLowerInvariant()} export: {string.Join(", ", counts)}";
        if (patients.Count == 0)
        {
            await audit.StageAsync(db, new AuditEntry(AuditActions.Export, "fhir:$export", job.Id.ToString(), null, AuditOutcome.Success, detail));
        }
        foreach (var patient in patients.Order())
        {
            await audit.StageAsync(db, new AuditEntry(AuditActions.Export, "fhir:$export", job.Id.ToString(), patient, AuditOutcome.Success, detail));
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task FailAsync(Guid jobId, Exception ex, CancellationToken ct)
    {
        await DeleteFilesAsync(jobId, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var job = await db.Set<BulkExportJob>().SingleAsync(j => j.Id == jobId, ct);
        if (job.Status != BulkExportStatus.Running)
        {
            return;
        }
        job.Status = BulkExportStatus.Failed;
        job.CompletedAt = clock.GetUtcNow();
        // The type only: an exception message can carry data from the row that broke.
        job.Error = $"The export failed ({ex.GetType().Name}); the server log has the details. Start a new export.";
        job.Version = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deletes what cancelled jobs left behind and expires completed ones past their retention.</summary>
    internal async Task SweepAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var cutoff = clock.GetUtcNow() - options.Value.Retention;
        var expired = await db.Set<BulkExportJob>()
            .Where(j => (j.Status == BulkExportStatus.Completed || j.Status == BulkExportStatus.Failed) && j.CompletedAt != null)
            .ToListAsync(ct);
        foreach (var job in expired.Where(j => j.CompletedAt < cutoff))
        {
            await DeleteFilesAsync(job.Id, ct);
            job.Status = BulkExportStatus.Expired;
            job.Version = Guid.NewGuid();
        }
        await db.SaveChangesAsync(ct);
        var cancelled = db.Set<BulkExportJob>().Where(j => j.Status == BulkExportStatus.Cancelled).Select(j => j.Id);
        await db.Set<BulkExportFile>().Where(f => cancelled.Contains(f.JobId)).ExecuteDeleteAsync(ct);
    }

    private async Task DeleteFilesAsync(Guid jobId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Set<BulkExportFile>().Where(f => f.JobId == jobId).ExecuteDeleteAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk export {JobId} cancelled while running; its files were removed.")]
    private static partial void LogCancelled(ILogger logger, Guid jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bulk export {JobId} failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid jobId);
}
