/**
 * The net membership change of one write: a request may remove everyone and add most of them back (a PUT,
 * a `replace` of `members`), and only the difference is news to a consumer of the feed.
 */
export class MemberChanges {
  readonly #net = new Map<string, 'added' | 'removed'>();

  added(ids: Iterable<string>): void {
    for (const id of ids) {
      if (this.#net.get(id) === 'removed') this.#net.delete(id);
      else this.#net.set(id, 'added');
    }
  }

  removed(ids: Iterable<string>): void {
    for (const id of ids) {
      if (this.#net.get(id) === 'added') this.#net.delete(id);
      else this.#net.set(id, 'removed');
    }
  }

  ids(kind: 'added' | 'removed'): string[] {
    return [...this.#net].filter(([, change]) => change === kind).map(([id]) => id);
  }
}
