// gdelt_check.mjs: loads newsrec's --format gdelt file into DuckDB with GDELT 2.0's event-table column names and types and reports what it read as JSON.
import { DuckDBInstance } from '@duckdb/node-api';

const [path] = process.argv.slice(2);
// GDELT 2.0's event table, in its order, with the types of its codebook (INTEGER ids and dates,
// STRING codes, FLOAT scales and coordinates).
const ACTOR = ['Code', 'Name', 'CountryCode', 'KnownGroupCode', 'EthnicCode', 'Religion1Code',
  'Religion2Code', 'Type1Code', 'Type2Code', 'Type3Code'];
const GEO = [['Type', 'INTEGER'], ['FullName', 'VARCHAR'], ['CountryCode', 'VARCHAR'],
  ['ADM1Code', 'VARCHAR'], ['ADM2Code', 'VARCHAR'], ['Lat', 'DOUBLE'], ['Long', 'DOUBLE'],
  ['FeatureID', 'VARCHAR']];
const COLUMNS = [
  ['GLOBALEVENTID', 'BIGINT'], ['SQLDATE', 'INTEGER'], ['MonthYear', 'INTEGER'], ['Year', 'INTEGER'],
  ['FractionDate', 'DOUBLE'],
  ...ACTOR.map((c) => ['Actor1' + c, 'VARCHAR']), ...ACTOR.map((c) => ['Actor2' + c, 'VARCHAR']),
  ['IsRootEvent', 'INTEGER'], ['EventCode', 'VARCHAR'], ['EventBaseCode', 'VARCHAR'],
  ['EventRootCode', 'VARCHAR'], ['QuadClass', 'INTEGER'], ['GoldsteinScale', 'DOUBLE'],
  ['NumMentions', 'INTEGER'], ['NumSources', 'INTEGER'], ['NumArticles', 'INTEGER'], ['AvgTone', 'DOUBLE'],
  ...GEO.map(([c, t]) => ['Actor1Geo_' + c, t]), ...GEO.map(([c, t]) => ['Actor2Geo_' + c, t]),
  ...GEO.map(([c, t]) => ['ActionGeo_' + c, t]),
  ['DATEADDED', 'BIGINT'], ['SOURCEURL', 'VARCHAR'],
];
const quote = (s) => "'" + s.replaceAll("'", "''") + "'";
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const rows = async (sql) => (await con.runAndReadAll(sql)).getRows();
const columns = '{' + COLUMNS.map(([n, t]) => `${quote(n)}: ${quote(t)}`).join(', ') + '}';
// Explicit columns and types, no sniffing and no quoting: a field of the wrong type, or a row of
// the wrong width, fails the load.
await con.run(`CREATE TABLE events AS SELECT * FROM read_csv(${quote(path)}, header = false,
    auto_detect = false, delim = '\t', quote = '', escape = '', columns = ${columns})`);
const one = async (sql) => (await rows(sql))[0].map((v) => (typeof v === 'bigint' ? Number(v) : v));
const [n, minG, maxG, roots] = await one(`SELECT count(*), min(GoldsteinScale), max(GoldsteinScale),
    count(*) FILTER (WHERE EventRootCode LIKE '0_') FROM events`);
const codes = (await rows('SELECT EventCode FROM events')).map((r) => r[0]);
const [ids] = await one('SELECT count(DISTINCT GLOBALEVENTID) FROM events');
const [lead] = await one('SELECT count(*) FROM events WHERE IsRootEvent = 1');
console.log(JSON.stringify({ columns: COLUMNS.length, rows: Number(n), goldstein: [minG, maxG],
  roots_with_zero: Number(roots), distinct_ids: Number(ids), lead: Number(lead), codes }));
