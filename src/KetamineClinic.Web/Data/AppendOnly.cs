using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KetamineClinic.Web.Data;

/// <summary>
/// Marks an entity whose rows are written once and never changed or deleted (the audit trail, the
/// controlled-substance ledger). A mistake is corrected by appending a correction entry with a reason.
/// Enforced twice (design.md §2.6):
/// <list type="number">
/// <item><see cref="ClinicDbContext"/> refuses to save a Modified or Deleted entry of such an entity
/// (<see cref="AppendOnlyViolationException"/>).</item>
/// <item>Database triggers, created by a migration with <see cref="AppendOnlyTriggers"/>, reject UPDATE and DELETE
/// (and TRUNCATE on PostgreSQL) from anyone, including raw SQL and EF's ExecuteUpdate/ExecuteDelete.</item>
/// </list>
/// A new append-only entity needs both: implement this interface, and call
/// <c>migrationBuilder.CreateAppendOnlyTriggers("Table")</c> in the migration that creates its table, in each
/// provider's migration set. A test checks that every <see cref="IAppendOnly"/> table has its triggers.
/// </summary>
#pragma warning disable CA1040 // A marker interface on purpose: the model and the tests find append-only tables by it.
public interface IAppendOnly;
#pragma warning restore CA1040

/// <summary>Thrown when code tries to change or delete a row of an <see cref="IAppendOnly"/> entity.</summary>
public sealed class AppendOnlyViolationException(string entityName, string operation)
    : InvalidOperationException($"{entityName} is append-only: {operation} is not allowed. Append a correction instead.")
{
    public string EntityName { get; } = entityName;
    public string Operation { get; } = operation;
}

/// <summary>
/// The SQL of the database triggers that make a table append-only, per provider, for migrations.
/// The text is part of already-applied migrations: change it only together with a new migration that re-creates
/// the triggers. Note for SQLite: EF rebuilds a table (copy, drop, rename) for most column changes, and dropping
/// the table drops its triggers; such a migration must call <see cref="CreateAppendOnlyTriggers"/> again
/// (the AppendOnlyTriggerTests catch a forgotten one).
/// </summary>
public static partial class AppendOnlyTriggers
{
    /// <summary>The error text both providers raise; starts with the table name.</summary>
    public const string MessageMarker = "is append-only";

    public const string SqliteProviderName = "Microsoft.EntityFrameworkCore.Sqlite";
    public const string PostgresProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>Adds the triggers for <paramref name="table"/> to a migration of the active provider.</summary>
    public static MigrationBuilder CreateAppendOnlyTriggers(this MigrationBuilder migrationBuilder, string table)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var sql in CreateSql(table, ProviderOf(migrationBuilder.ActiveProvider)))
        {
            migrationBuilder.Sql(sql);
        }
        return migrationBuilder;
    }

    /// <summary>Removes the triggers for <paramref name="table"/> (a migration's Down).</summary>
    public static MigrationBuilder DropAppendOnlyTriggers(this MigrationBuilder migrationBuilder, string table)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var sql in DropSql(table, ProviderOf(migrationBuilder.ActiveProvider)))
        {
            migrationBuilder.Sql(sql);
        }
        return migrationBuilder;
    }

    /// <summary>The names of the triggers guarding <paramref name="table"/> on <paramref name="provider"/>.</summary>
    public static IReadOnlyList<string> TriggerNames(string table, DatabaseProvider provider)
    {
        CheckIdentifier(table);
        return provider switch
        {
            DatabaseProvider.Sqlite => [$"{table}_append_only_update", $"{table}_append_only_delete"],
            // One statement-level trigger covers UPDATE, DELETE and TRUNCATE (a row trigger cannot see TRUNCATE).
            DatabaseProvider.Postgres => [$"{table}_append_only"],
        };
    }

    public static IReadOnlyList<string> CreateSql(string table, DatabaseProvider provider)
    {
        CheckIdentifier(table);
        var names = TriggerNames(table, provider);
        return provider switch
        {
            DatabaseProvider.Sqlite =>
            [
                $"""
                CREATE TRIGGER "{names[0]}" BEFORE UPDATE ON "{table}"
                BEGIN SELECT RAISE(ABORT, '{table} {MessageMarker}: UPDATE is not allowed'); END;
                """,
                $"""
                CREATE TRIGGER "{names[1]}" BEFORE DELETE ON "{table}"
                BEGIN SELECT RAISE(ABORT, '{table} {MessageMarker}: DELETE is not allowed'); END;
                """,
            ],
            DatabaseProvider.Postgres =>
            [
                // Statement level: even an UPDATE or DELETE that matches no row is refused.
                $"""
                CREATE FUNCTION "{names[0]}_reject"() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    RAISE EXCEPTION '% {MessageMarker}: % is not allowed', TG_TABLE_NAME, TG_OP
                        USING ERRCODE = 'restrict_violation';
                END
                $fn$;
                """,
                $"""
                CREATE TRIGGER "{names[0]}" BEFORE UPDATE OR DELETE OR TRUNCATE ON "{table}"
                FOR EACH STATEMENT EXECUTE FUNCTION "{names[0]}_reject"();
                """,
            ],
        };
    }

    public static IReadOnlyList<string> DropSql(string table, DatabaseProvider provider)
    {
        var names = TriggerNames(table, provider);
        return provider switch
        {
            DatabaseProvider.Sqlite => [.. names.Select(n => $"DROP TRIGGER IF EXISTS \"{n}\";")],
            DatabaseProvider.Postgres =>
            [
                $"DROP TRIGGER IF EXISTS \"{names[0]}\" ON \"{table}\";",
                $"DROP FUNCTION IF EXISTS \"{names[0]}_reject\"();",
            ],
        };
    }

    public static DatabaseProvider ProviderOf(string? activeProvider) => activeProvider switch
    {
        SqliteProviderName => DatabaseProvider.Sqlite,
        PostgresProviderName => DatabaseProvider.Postgres,
        _ => throw new NotSupportedException($"No append-only triggers for database provider '{activeProvider}'."),
    };

    // The name goes into SQL text: allow plain identifiers only.
    private static void CheckIdentifier(string table)
    {
        if (string.IsNullOrEmpty(table) || !IdentifierPattern().IsMatch(table))
        {
            throw new ArgumentException($"'{table}' is not a plain table name (letters, digits, underscore).", nameof(table));
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,40}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex IdentifierPattern();
}
