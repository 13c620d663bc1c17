using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Data;

public static class DatabaseStartup
{
    /// <summary>Applies pending migrations (schema only ever comes from migrations) and turns on WAL for SQLite.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<ClinicDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets the chair board read while the device feed writes; the mode is stored in the file.
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync(ct);
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL;";
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await db.Database.MigrateAsync(ct);
    }
}
