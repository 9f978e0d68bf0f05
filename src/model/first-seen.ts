import { diag, type Entry, withRelated } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Span } from "../source/span.js";

/**
 * The names met so far in one list (a class's members, a method's parameters, a qualifier list, an instance's
 * property values), by case-folded key: MOF names are case-insensitive, the first one stands, and each later one
 * is reported with a pointer back to the first.
 */
export class FirstSeen {
  readonly #first = new Map<string, Span>();

  /** "first declared here" for declarations, "first given here" for values and qualifiers. */
  constructor(private readonly note: string) {}

  /**
   * Undefined when `key` is met for the first time (recorded now at `span`); for a repeat, the diagnostic
   * `entry(...args)` at `span`, pointing at the first place.
   */
  repeat<A extends unknown[]>(key: string, span: Span, entry: Entry<A>, ...args: A): Diagnostic | undefined {
    const first = this.#first.get(key);
    if (first === undefined) {
      this.#first.set(key, span);
      return undefined;
    }
    return withRelated(diag(entry, span, ...args), [{ message: this.note, span: first }]);
  }

  /** Whether `key` was met. */
  has(key: string): boolean {
    return this.#first.has(key);
  }
}
