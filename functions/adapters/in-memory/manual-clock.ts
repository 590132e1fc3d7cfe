import type { Clock } from '../../ports/clock';

export interface ManualClock extends Clock {
  set(at: string | Date): void;
  advance(seconds: number): void;
}

/** A clock that moves only when told: time in a unit test is what the test says it is. */
export function createManualClock(start: string | Date): ManualClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(at) {
      current = new Date(at);
    },
    advance(seconds) {
      current = new Date(current.getTime() + seconds * 1000);
    },
  };
}
