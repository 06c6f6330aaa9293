/**
 * Runs once when `next start` boots, so the server is ready before its first request:
 * see server/boot-server.ts.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootServer } = await import("@/server/boot-server");
  await bootServer();
}
