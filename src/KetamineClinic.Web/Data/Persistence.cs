using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KetamineClinic.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>Folder for the embedded database when no connection string is given (relative to the content root's repo).</summary>
    public string DataDirectory { get; set; } = "data";
}

public static class PersistenceRegistration
{
    /// <summary>
    /// Registers IDbContextFactory&lt;ClinicDbContext&gt; for the configured provider. A context per operation:
    /// a Blazor circuit lives for a whole shift.
    /// </summary>
    public static IHostApplicationBuilder AddPersistence(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString("Clinic");

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString ??= DefaultSqliteConnectionString(builder.Environment.ContentRootPath, options.DataDirectory);
                builder.Services.AddDbContextFactory<SqliteClinicDbContext>(o => ConfigureSqlite(o, connectionString));
                builder.Services.AddSingleton<IDbContextFactory<ClinicDbContext>>(sp =>
                    new UpcastingFactory<SqliteClinicDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteClinicDbContext>>()));
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Clinic is not set.");
                }
                builder.Services.AddDbContextFactory<PostgresClinicDbContext>(o => ConfigurePostgres(o, connectionString));
                builder.Services.AddSingleton<IDbContextFactory<ClinicDbContext>>(sp =>
                    new UpcastingFactory<PostgresClinicDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresClinicDbContext>>()));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {options.Provider}.");
        }

        // Identity's stores resolve a scoped ClinicDbContext.
        builder.Services.AddScoped<ClinicDbContext>(sp => sp.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContext());
        return builder;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder o, string connectionString) =>
        o.UseSqlite(connectionString, s => s.MigrationsAssembly(typeof(ClinicDbContext).Assembly.GetName().Name));

    public static void ConfigurePostgres(DbContextOptionsBuilder o, string connectionString) =>
        o.UseNpgsql(connectionString, s => s.MigrationsAssembly(typeof(ClinicDbContext).Assembly.GetName().Name));

    /// <summary>data/clinic.db under the repository root (contracts.md), found by walking up to global.json.</summary>
    public static string DefaultSqliteConnectionString(string contentRoot, string dataDirectory)
    {
        var root = FindRepositoryRoot(contentRoot) ?? contentRoot;
        var folder = Path.IsPathRooted(dataDirectory) ? dataDirectory : Path.Combine(root, dataDirectory);
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "clinic.db"),
            Cache = SqliteCacheMode.Default,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "global.json")) && Directory.Exists(Path.Combine(dir.FullName, "src")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    private sealed class UpcastingFactory<T>(IDbContextFactory<T> inner) : IDbContextFactory<ClinicDbContext>
        where T : ClinicDbContext
    {
        public ClinicDbContext CreateDbContext() => inner.CreateDbContext();
    }
}

/// <summary>Design-time factory for `dotnet ef` (SQLite migrations).</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteClinicDbContext>
{
    public SqliteClinicDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<SqliteClinicDbContext>();
        PersistenceRegistration.ConfigureSqlite(o, "Data Source=design-time.db");
        return new SqliteClinicDbContext(o.Options);
    }
}

/// <summary>Design-time factory for `dotnet ef` (PostgreSQL migrations); no server is contacted.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresClinicDbContext>
{
    public PostgresClinicDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<PostgresClinicDbContext>();
        PersistenceRegistration.ConfigurePostgres(o, "Host=localhost;Database=design_time;Username=design");
        return new PostgresClinicDbContext(o.Options);
    }
}
