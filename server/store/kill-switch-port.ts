/**
 * Storage port for the per-desk kill switch: while engaged the desk's new orders are
 * rejected (KILL_SWITCH) and its working orders cancelled. Every process reads it from the
 * database, so engaging it from one instance stops the others too.
 *
 * It is a fence, not a flag read before a write: an order's create transaction checks it
 * (OrderStore.createOrdersFenced), so no order can commit after an engage has committed.
 */
export interface KillSwitchRecord {
  deskId: string;
  engaged: boolean;
  /** null when it was never touched. */
  changedAtMs: number | null;
  changedByKeyId: string | null;
  /** Real changes so far (0: never touched); an order records the version it passed. */
  version: number;
}

export interface KillSwitchStore {
  /** A desk that never touched its switch is released. */
  getKillSwitch(deskId: string): Promise<KillSwitchRecord>;
  /** Every desk's switch that was ever touched (restart recovery enforces engaged ones). */
  listKillSwitches(): Promise<KillSwitchRecord[]>;
  /**
   * Engages or releases. Setting the state it already has keeps the original change time
   * and author, so the record always says when it really changed.
   */
  setKillSwitch(deskId: string, engaged: boolean, byKeyId: string | null, atMs: number): Promise<KillSwitchRecord>;
}

/** An order's create transaction met an engaged kill switch: nothing was written. */
export class KillSwitchEngagedError extends Error {
  override readonly name = "KillSwitchEngagedError";

  constructor(readonly deskId: string) {
    super(`desk ${deskId}: kill switch engaged`);
  }
}
