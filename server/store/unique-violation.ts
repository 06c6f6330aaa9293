/**
 * Recognises a unique-constraint failure from either driver, so the store can report it
 * as a StoreConflictError (→ 409 CONFLICT) instead of a raw driver error.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  const code = (error as { code: unknown }).code;
  // better-sqlite3 extended result codes; PostgreSQL SQLSTATE unique_violation.
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}
