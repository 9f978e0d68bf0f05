import { decode, type OpenValue, type ValueMap } from "./value-map.js";

/**
 * The "job started" convention (MOF_GUIDE §5): a method that returns 4096 ("Method Parameters Checked - Job
 * Started") has only checked its parameters; its Out `Job` reference points to a CIM_ConcreteJob whose JobState says
 * when the work ends: 7 Completed, or 8 Terminated, 9 Killed, 10 Exception, which are failures with ErrorCode and
 * ErrorDescription. `waitForJob` polls such a job once, for every client.
 */

/** CIM_ConcreteJob.JobState's named values (an open map: 13..32767 DMTF Reserved, 32768..65535 Vendor Reserved). */
export const JobState = {
  New: 2,
  Starting: 3,
  Running: 4,
  Suspended: 5,
  ShuttingDown: 6,
  Completed: 7,
  Terminated: 8,
  Killed: 9,
  Exception: 10,
  Service: 11,
  QueryPending: 12,
} as const;
export type JobState = (typeof JobState)[keyof typeof JobState] | OpenValue;

/** CIM_ConcreteJob.JobState's value map, as the generator emits one. */
export const JobStateValueMap = [
  { label: "New", value: "2", lo: 2, hi: 2 },
  { label: "Starting", value: "3", lo: 3, hi: 3 },
  { label: "Running", value: "4", lo: 4, hi: 4 },
  { label: "Suspended", value: "5", lo: 5, hi: 5 },
  { label: "Shutting Down", value: "6", lo: 6, hi: 6 },
  { label: "Completed", value: "7", lo: 7, hi: 7 },
  { label: "Terminated", value: "8", lo: 8, hi: 8 },
  { label: "Killed", value: "9", lo: 9, hi: 9 },
  { label: "Exception", value: "10", lo: 10, hi: 10 },
  { label: "Service", value: "11", lo: 11, hi: 11 },
  { label: "Query Pending", value: "12", lo: 12, hi: 12 },
  { label: "DMTF Reserved", value: "13..32767", lo: 13, hi: 32767 },
  { label: "Vendor Reserved", value: "32768..65535", lo: 32768, hi: 65535 },
] as const satisfies ValueMap;

/** The return value of a method that has started a job. */
export const jobStartedReturnValue = 4096;

/** Whether a method's ReturnValue means "Method Parameters Checked - Job Started". */
export function isJobStarted(returnValue: number | bigint): boolean {
  return returnValue === jobStartedReturnValue || returnValue === BigInt(jobStartedReturnValue);
}

/** Whether the job has ended, well or not: Completed, Terminated, Killed or Exception. */
export function isFinished(jobState: number): boolean {
  return jobState >= JobState.Completed && jobState <= JobState.Exception;
}

/** Whether the job has ended without completing: Terminated, Killed or Exception. */
export function isFailed(jobState: number): boolean {
  return jobState >= JobState.Terminated && jobState <= JobState.Exception;
}

/**
 * The properties of a CIM_ConcreteJob that `waitForJob` reads; WMI gives null for unset ones. JobState is optional
 * because the generated job classes declare it so (no `Required` qualifier); a job read without one is an error
 * when it is polled (`JobStateMissingError`), not a type error for every caller.
 */
export interface JobStatus {
  readonly JobState?: number | null | undefined;
  readonly ErrorCode?: number | null | undefined;
  readonly ErrorDescription?: string | null | undefined;
}

export interface WaitForJobOptions {
  /** Time between polls. */
  readonly intervalMs: number;
  /** Give up (JobTimeoutError) when the job has not finished this long after the first poll; Infinity to wait on. */
  readonly timeoutMs: number;
  /** Stop waiting; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Replaces the timer, for tests and schedulers; it should reject when `signal` aborts. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Replaces Date.now when measuring the timeout. */
  readonly now?: () => number;
}

/** A job read without its JobState: nothing says whether it has ended. */
export class JobStateMissingError extends Error {
  override readonly name = "JobStateMissingError";
  constructor(readonly job: JobStatus) {
    super("the job has no JobState, so whether it has ended is unknown");
  }
}

/** "Completed (7)", as messages name a job state. */
function stateWords(state: number | null | undefined): string {
  return state === null || state === undefined
    ? "Unknown"
    : `${decode(JobStateValueMap, state) ?? "Unknown"} (${state})`;
}

/** A job that ended Terminated, Killed or Exception. */
export class JobFailedError extends Error {
  override readonly name = "JobFailedError";
  readonly jobState: number;
  readonly errorCode: number | undefined;
  readonly errorDescription: string | undefined;
  constructor(readonly job: JobStatus & { readonly JobState: number }) {
    const state = stateWords(job.JobState);
    const code = job.ErrorCode ?? undefined;
    const description = job.ErrorDescription ?? undefined;
    const details = [code === undefined ? "" : `error ${code}`, description ?? ""].filter((s) => s !== "");
    super(`job failed: ${state}${details.length > 0 ? `: ${details.join(": ")}` : ""}`);
    this.jobState = job.JobState;
    this.errorCode = code;
    this.errorDescription = description;
  }
}

/** A job still unfinished when `timeoutMs` ran out. */
export class JobTimeoutError extends Error {
  override readonly name = "JobTimeoutError";
  constructor(
    readonly job: JobStatus,
    readonly timeoutMs: number,
  ) {
    super(`job still ${stateWords(job.JobState)} after ${timeoutMs} ms`);
  }
}

/**
 * Poll `fetchJob` (at once, then every `intervalMs`) until the job finishes. Resolves with the completed job;
 * rejects with `JobFailedError` when it fails, `JobTimeoutError` when `timeoutMs` passes first (one last poll is made
 * at the deadline), the signal's reason when aborted, and whatever `fetchJob` rejects with.
 */
export async function waitForJob<J extends JobStatus>(
  fetchJob: () => Promise<J>,
  options: WaitForJobOptions,
): Promise<J> {
  const { intervalMs, timeoutMs, signal, sleep = abortableSleep, now = Date.now } = options;
  if (!(intervalMs >= 0 && Number.isFinite(intervalMs))) throw new RangeError(`intervalMs ${intervalMs} is not >= 0`);
  if (!(timeoutMs >= 0)) throw new RangeError(`timeoutMs ${timeoutMs} is not >= 0`);
  const deadline = now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    const job = await fetchJob();
    const state = job.JobState;
    if (state === undefined || state === null) throw new JobStateMissingError(job);
    if (isFailed(state)) throw new JobFailedError({ ...job, JobState: state });
    if (isFinished(state)) return job;
    const remaining = deadline - now();
    if (remaining <= 0) throw new JobTimeoutError(job, timeoutMs);
    await sleep(Math.min(intervalMs, remaining), signal);
  }
}

/** setTimeout as a promise that rejects with the signal's reason on abort. */
function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
