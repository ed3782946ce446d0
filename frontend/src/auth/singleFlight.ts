/**
 * One run at a time: callers that arrive while a run is in flight share it. Refresh tokens rotate (a refresh
 * token used twice is refused and ends the session), so two overlapping silent renewals must never both start.
 */
export function singleFlight<T>(fn: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => {
    running ??= fn().finally(() => {
      running = null;
    });
    return running;
  };
}
