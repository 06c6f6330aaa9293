/**
 * Routes every pg connection failure to one handler, so none becomes an uncaught
 * exception (which takes a plain Node process down).
 *
 * - An idle pooled client that fails is reported by the pool as an `error` event; with no
 *   listener, Node throws it.
 * - A client checked out by Kysely (inside a transaction, between two statements) has no
 *   pool listener at that moment: its own `error` event would be thrown the same way. A
 *   listener on each client as it connects catches those; the statement in flight (or
 *   the next one) still fails, is classified and answered 503, and the pool drops the
 *   client on release.
 * The same error can reach both listeners; it is reported once.
 */
import type pg from "pg";

export function handlePgConnectionErrors(pool: pg.Pool, onError: (err: Error) => void): void {
  const reported = new WeakSet<Error>();
  const report = (err: Error) => {
    if (reported.has(err)) return;
    reported.add(err);
    onError(err);
  };
  pool.on("error", report);
  pool.on("connect", (client) => client.on("error", report));
}
