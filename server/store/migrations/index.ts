/**
 * Every migration, listed statically: Next.js bundles the server code, so a migrations
 * folder cannot be read from disk at run time. Add new files here in order
 * (`0002_….ts`); Kysely applies them sorted by name and refuses to run if an already
 * applied one disappears.
 */
import type { Migration } from "kysely";
import * as init from "./0001_init";
import * as orders from "./0002_orders";
import * as tcaRollup from "./0003_tca_rollup";
import * as tcaTouchedVenue from "./0004_tca_touched_venue";
import * as journalFence from "./0005_journal_fence";
import * as lookupIndexes from "./0006_lookup_indexes";

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  "0001_init": init,
  "0002_orders": orders,
  "0003_tca_rollup": tcaRollup,
  "0004_tca_touched_venue": tcaTouchedVenue,
  "0005_journal_fence": journalFence,
  "0006_lookup_indexes": lookupIndexes,
};
