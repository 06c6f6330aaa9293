/**
 * Control actions: engaging or releasing a desk's kill switch and cancelling, pausing or
 * resuming an order. They only ever reduce or hold the load, each is one small write, and a
 * desk in trouble needs them most when the server is busiest, so load shedding, the per-desk
 * concurrency cap and the token bucket never refuse them (authentication and roles still
 * apply). The journal answers them as soon as their own event is durable.
 */
const ORDER_CONTROL = /^\/v1\/orders\/[^/]+\/(cancel|pause|resume)$/;

export function isControlAction(method: string | undefined, path: string): boolean {
  if (method !== "POST") return false;
  return path === "/v1/kill_switch" || ORDER_CONTROL.test(path);
}
