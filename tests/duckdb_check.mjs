// duckdb_check.mjs: loads newsrec's RFC 4180 tables into DuckDB with the column types of schema/datapackage.json and reports counts, nulls in required columns and orphan ids as JSON.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [csvDir, packagePath] = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(packagePath, 'utf8'));
const SQL_TYPES = { string: 'VARCHAR', integer: 'BIGINT', number: 'DOUBLE', boolean: 'BOOLEAN' };
const quote = (s) => "'" + s.replaceAll("'", "''") + "'";
const ident = (s) => '"' + s.replaceAll('"', '""') + '"';

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const scalar = async (sql) => Number((await con.runAndReadAll(sql)).getRows()[0][0]);
const report = { tables: {}, orphans: {} };

for (const res of pkg.resources) {
  const fields = res.schema.fields;
  const columns = '{' + fields.map((f) => `${quote(f.name)}: ${quote(SQL_TYPES[f.type])}`).join(', ') + '}';
  // Explicit types, no sniffing: a cell that is not of its column's type fails the load.
  // A quoted empty cell is an empty string; only an unquoted empty one is NULL.
  await con.run(`CREATE TABLE ${ident(res.name)} AS SELECT * FROM read_csv(${quote(join(csvDir, res.path))},
      header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
      allow_quoted_nulls = false, columns = ${columns})`);
  const described = (await con.runAndReadAll(`DESCRIBE ${ident(res.name)}`)).getRows();
  const nulls = {};
  for (const f of fields.filter((f) => f.constraints && f.constraints.required))
    nulls[f.name] = await scalar(`SELECT count(*) FROM ${ident(res.name)} WHERE ${ident(f.name)} IS NULL`);
  report.tables[res.name] = {
    rows: await scalar(`SELECT count(*) FROM ${ident(res.name)}`),
    types: Object.fromEntries(described.map((r) => [r[0], r[1]])),
    nulls_in_required: nulls,
  };
  for (const fk of res.schema.foreignKeys || []) {
    const [col] = [].concat(fk.fields);
    const [ref] = [].concat(fk.reference.fields);
    const target = fk.reference.resource || res.name;
    report.orphans[`${res.name}.${col} -> ${target}.${ref}`] = await scalar(
      `SELECT count(*) FROM ${ident(res.name)} t LEFT JOIN ${ident(target)} r ON t.${ident(col)} = r.${ident(ref)}
       WHERE t.${ident(col)} IS NOT NULL AND r.${ident(ref)} IS NULL`);
  }
}
// The joins a user writes first: who said it, who did it.
report.joins = {
  statements_with_speaker: await scalar(`SELECT count(*) FROM statements s JOIN actors a USING (actor_id)`),
  events_with_agent: await scalar(`SELECT count(*) FROM events e JOIN actors a ON e.agent_id = a.actor_id`),
};
console.log(JSON.stringify(report));
