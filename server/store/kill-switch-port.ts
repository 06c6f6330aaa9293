/**
 * Storage port for the per-desk kill switch: while engaged the desk's new orders are
 * rejected (KILL_SWITCH) and its working orders cancelled. Every process reads it from the
 * database, so engaging it from one instance stops the others too.
 */
export interface KillSwitchRecord {
  deskId: string;
  engaged: boolean;
  /** null when it was never touched. */
  changedAtMs: number | null;
  changedByKeyId: string | null;
}

export interface KillSwitchStore {
  /** A desk that never touched its switch is released. */
  getKillSwitch(deskId: string): Promise<KillSwitchRecord>;
  /**
   * Engages or releases. Setting the state it already has keeps the original change time
   * and author, so the record always says when it really changed.
   */
  setKillSwitch(deskId: string, engaged: boolean, byKeyId: string | null, atMs: number): Promise<KillSwitchRecord>;
}
