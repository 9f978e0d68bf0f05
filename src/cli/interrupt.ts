/**
 * Ctrl+C (SIGINT) or SIGTERM while mofgen writes its output: instead of dying between two files, the run notes
 * the signal, the writer stops at its next file, removes its temporary files, leaves a manifest that lists what
 * is on disk, and the command exits 128 + the signal number (130, 143), as a shell expects.
 */
export interface Interruption {
  /** The signal received since `catchInterrupts`, if any. */
  readonly signal: "SIGINT" | "SIGTERM" | undefined;
  /** Stop catching: the signals' default action (or other listeners') applies again. */
  dispose(): void;
}

const signals = ["SIGINT", "SIGTERM"] as const;

export function catchInterrupts(): Interruption {
  let received: "SIGINT" | "SIGTERM" | undefined;
  const onSignal = (signal: "SIGINT" | "SIGTERM") => {
    received ??= signal;
  };
  for (const s of signals) process.on(s, onSignal);
  return {
    get signal() {
      return received;
    },
    dispose: () => {
      for (const s of signals) process.off(s, onSignal);
    },
  };
}

/** The exit status of a command ended by `signal`: 128 + its number. */
export function interruptedExitCode(signal: "SIGINT" | "SIGTERM"): number {
  return signal === "SIGINT" ? 130 : 143;
}
