/**
 * A small seeded random source for the fuzzer, so that every run is reproducible from its seed.
 * @module
 */

/** A seeded pseudo-random source (mulberry32). */
export class Random {
  private state: number;

  /**
   * @param seed - Any integer; the same seed gives the same sequence.
   */
  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * An integer in [0, n).
   * @param n - The bound.
   */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * One element of a non-empty list.
   * @param list - The choices.
   */
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)] as T;
  }

  /**
   * True with probability p.
   * @param p - The probability.
   */
  chance(p: number): boolean {
    return this.next() < p;
  }
}
