// The yardstick of scripts/bench/analyze: DuckDB (in process, @duckdb/node-api) computing the same
// per-plateau exact statistics as hopscope's analysis (count, p50/p90/p95/p99/p99.9 by linear
// interpolation, mean, max, sample standard deviation of hop, queue delay and service) over the
// run's Parquet files in the warehouse. Prints the query's wall seconds (engine start excluded).
// Usage: node duckdb_plateaus.mjs 'GLOB' T0_NS PLATEAU_NS
import { DuckDBInstance } from '@duckdb/node-api';

const [glob, t0, width] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const stats = (c) =>
  `count(${c}), quantile_cont(${c}, [0.5, 0.9, 0.95, 0.99, 0.999]), avg(${c}), max(${c}), stddev_samp(${c})`;
const sql = `select (enq_ns - ${t0}) // ${width} as plateau, ${stats('hop_ns')}, ${stats('queue_delay_ns')},
  ${stats('service_ns')} from read_parquet('${glob}') group by 1 order by 1`;
const start = process.hrtime.bigint();
const reader = await conn.runAndReadAll(sql);
const rows = reader.getRows();
const secs = Number(process.hrtime.bigint() - start) / 1e9;
let jobs = 0n;
for (const r of rows) jobs += BigInt(r[1]);
console.log(`${secs.toFixed(3)} ${rows.length} ${jobs}`);
