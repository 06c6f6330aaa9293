/**
 * Wraps every method of a Store so that a driver error meaning "the store is unavailable"
 * leaves as a StoreUnavailableError (→ 503 with Retry-After) and is reported to the
 * health watch, whoever called: a route, the sandbox journal, the seeder. Generic over
 * the port, so new store methods are covered without touching this file.
 */
import { classifyStoreError } from "./classify-store-error";
import type { Store } from "./port";
import type { StoreUnavailableError } from "./store-unavailable-error";

export function guardStore(store: Store, onUnavailable: (error: StoreUnavailableError) => void): Store {
  const translate = (err: unknown): unknown => {
    const unavailable = classifyStoreError(err);
    if (!unavailable) return err;
    onUnavailable(unavailable);
    return unavailable;
  };
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      let fn = wrapped.get(property);
      if (!fn) {
        const method = value as (...args: unknown[]) => unknown;
        fn = (...args: unknown[]): unknown => {
          let result: unknown;
          try {
            result = method.apply(target, args);
          } catch (err) {
            throw translate(err);
          }
          return result instanceof Promise ? result.catch((err: unknown) => Promise.reject(translate(err))) : result;
        };
        wrapped.set(property, fn);
      }
      return fn;
    },
  });
}
