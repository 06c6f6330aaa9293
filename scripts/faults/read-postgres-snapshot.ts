/** Reads a PostgreSQL database directly with plain SQL. */
import pg from "pg";
import { SNAPSHOT_SQL, snapshotFromRows, type StoreSnapshot } from "./store-snapshot";

export async function readPostgresSnapshot(url: string): Promise<StoreSnapshot> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const all = async (sql: string) => (await client.query(sql)).rows as Record<string, unknown>[];
    return snapshotFromRows({ orders: await all(SNAPSHOT_SQL.orders), events: await all(SNAPSHOT_SQL.events), fills: await all(SNAPSHOT_SQL.fills) });
  } finally {
    await client.end();
  }
}
