/** The one helper for asserting an error's type and exact message. */
import { expect } from 'vitest';

/** Asserts that `f` throws an instance of `type` whose message is exactly `message`. */
export function expectThrows(
  f: () => unknown,
  type: new (...args: never[]) => Error,
  message: string,
): void {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error, `expected ${type.name}: ${message}`).toBeInstanceOf(type);
  expect((error as Error).message).toBe(message);
}
