import { ApiError } from "@/server/http/api-error";

/**
 * A control action (cancel, pause, resume, engage) is answered once its own event is
 * durable; the journal retries a failing store without end, so the wait is bounded here
 * and the client told to retry (the action stays queued and takes effect when written).
 */
export async function awaitDurable<T>(work: Promise<T>, what: string, timeoutMs = 5_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ApiError("SERVICE_UNAVAILABLE", `The ${what} is queued but the order store has not confirmed it yet; retry shortly`, [], { "Retry-After": "2" })),
      timeoutMs,
    );
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
