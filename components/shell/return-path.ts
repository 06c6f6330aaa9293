/**
 * Where to go back to after signing in when a session ran out mid-use. Kept in
 * sessionStorage (this tab only) so the sign-in URL stays plain `/sign-in`.
 */
const KEY = "ei:return-to";

function safePath(path: string | null): string | null {
  return path && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/sign-in") ? path : null;
}

export function rememberReturnPath(path: string): void {
  const safe = safePath(path);
  try {
    if (safe) sessionStorage.setItem(KEY, safe);
  } catch {
    // Storage can be disabled; then sign-in simply lands on Markets.
  }
}

/** The remembered path (once), else /markets. */
export function takeReturnPath(fallback = "/markets"): string {
  try {
    const path = safePath(sessionStorage.getItem(KEY));
    sessionStorage.removeItem(KEY);
    return path ?? fallback;
  } catch {
    return fallback;
  }
}

export function forgetReturnPath(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // ignore
  }
}
