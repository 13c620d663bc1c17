using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>
/// Writes many rows of one entity type as multi-row INSERT statements inside the context's open transaction,
/// using EF's own table and column names and type mappings (value converters included), so the rows read back
/// exactly as if EF had inserted them. EF's change tracker costs about a quarter of a millisecond per row here
/// and the single SQLite writer serialises it.
/// </summary>
internal static class BulkRows
{
    private const int RowsPerStatement = 200;

    /// <summary>Inserts the rows now, in the current transaction (required: the rows commit with the rest or not at all).</summary>
    public static void Insert<T>(DbContext db, IReadOnlyList<T> rows)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk rows must be written inside the unit of work's transaction.");
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Select(p => (Property: p, Column: p.GetColumnName(table), Mapping: p.GetRelationalTypeMapping(), Getter: p.GetGetter()))
            .Where(c => c.Column is not null)
            .ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = new StringBuilder("INSERT INTO ")
            .Append(sql.DelimitIdentifier(table.Name, table.Schema))
            .Append(" (")
            .AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(c.Column!)))
            .Append(") VALUES ")
            .ToString();

        var connection = transaction.Connection ?? db.Database.GetDbConnection();
        // SQLite runs in-process and resolves named parameters by a linear scan: one prepared single-row statement,
        // executed per row, is fastest there. A server (PostgreSQL) pays a round trip per statement: many rows each.
        var rowsPerStatement = db.Database.IsSqlite() ? 1 : RowsPerStatement;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        string? lastText = null;
        foreach (var chunk in rows.Chunk(rowsPerStatement))
        {
            command.Parameters.Clear();
            var text = new StringBuilder(head, head.Length + (chunk.Length * columns.Count * 8));
            var n = 0;
            for (var r = 0; r < chunk.Length; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = "@b" + n++.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    text.Append(c == 0 ? string.Empty : ", ").Append(name);
                    var column = columns[c];
                    // CreateParameter applies the property's value converter (enums as text, instants on SQLite).
                    command.Parameters.Add(column.Mapping.CreateParameter(command, name, column.Getter.GetClrValue(chunk[r]), column.Property.IsNullable));
                }

                text.Append(')');
            }

            var commandText = text.ToString();
            if (!string.Equals(commandText, lastText, StringComparison.Ordinal))
            {
                // Same text: the provider keeps the prepared statement.
                command.CommandText = lastText = commandText;
            }

            try
            {
                command.ExecuteNonQuery();
            }
            catch (DbException ex)
            {
                // Same contract as EF: a constraint (e.g. the idempotency key's unique index) is a DbUpdateException.
                throw new DbUpdateException($"Writing {typeof(T).Name} rows failed: {ex.Message}", ex);
            }
        }
    }

    /// <summary>
    /// Updates <paramref name="properties"/> of each row by its key, only where the concurrency token still holds its
    /// original value, with one prepared statement in the current transaction. A row changed by someone else meanwhile
    /// throws <see cref="DbUpdateConcurrencyException"/>, as EF would.
    /// </summary>
    public static void UpdateChecked<T>(DbContext db, IReadOnlyList<(T Row, object OriginalToken)> rows, IReadOnlyList<string> properties, string key, string token)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk rows must be written inside the unit of work's transaction.");
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var set = properties.Select(Column).ToList();
        var keyColumn = Column(key);
        var tokenColumn = Column(token);
        var text = new StringBuilder("UPDATE ")
            .Append(sql.DelimitIdentifier(table.Name, table.Schema))
            .Append(" SET ")
            .AppendJoin(", ", set.Select((c, i) => sql.DelimitIdentifier(c.Column) + " = @u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(" WHERE ").Append(sql.DelimitIdentifier(keyColumn.Column)).Append(" = @k AND ").Append(sql.DelimitIdentifier(tokenColumn.Column)).Append(" = @t")
            .ToString();
        var connection = transaction.Connection ?? db.Database.GetDbConnection();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        foreach (var (row, original) in rows)
        {
            command.Parameters.Clear();
            for (var i = 0; i < set.Count; i++)
            {
                var c = set[i];
                command.Parameters.Add(c.Mapping.CreateParameter(command, "@u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Getter.GetClrValue(row), c.Property.IsNullable));
            }

            command.Parameters.Add(keyColumn.Mapping.CreateParameter(command, "@k", keyColumn.Getter.GetClrValue(row), nullable: false));
            command.Parameters.Add(tokenColumn.Mapping.CreateParameter(command, "@t", original, nullable: false));
            int changed;
            try
            {
                changed = command.ExecuteNonQuery();
            }
            catch (DbException ex)
            {
                throw new DbUpdateException($"Updating {typeof(T).Name} rows failed: {ex.Message}", ex);
            }

            if (changed != 1)
            {
                throw new DbUpdateConcurrencyException($"A {typeof(T).Name} row was changed or deleted by someone else since it was read.");
            }
        }

        (IProperty Property, string Column, RelationalTypeMapping Mapping, IClrPropertyGetter Getter) Column(string name)
        {
            var p = entity.FindProperty(name) ?? throw new InvalidOperationException($"{typeof(T).Name}.{name} is not mapped.");
            return (p, p.GetColumnName(table)!, p.GetRelationalTypeMapping(), p.GetGetter());
        }
    }
}
