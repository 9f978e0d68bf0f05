import { afterEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import type { Msvm_ConcreteJob } from "../../generated/root/virtualization/v2/Msvm_ConcreteJob.js";
import {
  isFailed,
  isFinished,
  isJobStarted,
  JobFailedError,
  JobState,
  JobStateMissingError,
  JobStateValueMap,
  type JobStatus,
  JobTimeoutError,
  waitForJob,
} from "../../runtime/src/values/job.js";
import { decode, isOpen } from "../../runtime/src/values/value-map.js";

describe("JobState", () => {
  it.each<[number, string | undefined, boolean, boolean]>([
    [JobState.New, "New", false, false],
    [JobState.Starting, "Starting", false, false],
    [JobState.Running, "Running", false, false],
    [JobState.Suspended, "Suspended", false, false],
    [JobState.ShuttingDown, "Shutting Down", false, false],
    [JobState.Completed, "Completed", true, false],
    [JobState.Terminated, "Terminated", true, true],
    [JobState.Killed, "Killed", true, true],
    [JobState.Exception, "Exception", true, true],
    [JobState.Service, "Service", false, false],
    [JobState.QueryPending, "Query Pending", false, false],
    [13, "DMTF Reserved", false, false],
    [32768, "Vendor Reserved", false, false],
    [1, undefined, false, false],
  ])("%s is %s, finished %s, failed %s", (state, label, finished, failed) => {
    expect([decode(JobStateValueMap, state), isFinished(state), isFailed(state)]).toEqual([label, finished, failed]);
  });

  it("has the values of CIM_ConcreteJob and an open type", () => {
    expect(Object.values(JobState)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(isOpen(JobStateValueMap)).toBe(true);
    expectTypeOf<32768>().toExtend<JobState>();
  });

  it.each<[number | bigint, boolean]>([
    [4096, true],
    [4096n, true],
    [0, false],
    [4097, false],
  ])("isJobStarted(%s) is %s", (value, started) => {
    expect(isJobStarted(value)).toBe(started);
  });
});

/** A job that reports `states` one poll after another (the last one repeats), and a clock that sleep advances. */
function scripted(states: readonly JobStatus[]) {
  let clock = 0;
  const polls: number[] = [];
  const sleeps: number[] = [];
  return {
    polls,
    sleeps,
    fetchJob: async (): Promise<JobStatus> => {
      polls.push(clock);
      return states[Math.min(polls.length, states.length) - 1] as JobStatus;
    },
    sleep: async (ms: number) => {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
  };
}

const running: JobStatus = { JobState: JobState.Running };
const completed: JobStatus = { JobState: JobState.Completed, ErrorCode: null, ErrorDescription: null };

describe("waitForJob", () => {
  it("polls at once, then every intervalMs, until the job completes", async () => {
    const job = scripted([running, running, completed]);
    await expect(waitForJob(job.fetchJob, { intervalMs: 100, timeoutMs: 10_000, ...job })).resolves.toBe(completed);
    expect(job.polls).toEqual([0, 100, 200]);
  });

  it("resolves with the job's own type", async () => {
    const fetchJob = async () => ({ JobState: 7, InstanceID: "J1", PercentComplete: 100 });
    const job = await waitForJob(fetchJob, { intervalMs: 0, timeoutMs: 0 });
    expectTypeOf(job).toEqualTypeOf<{ JobState: number; InstanceID: string; PercentComplete: number }>();
    expect(job.InstanceID).toBe("J1");
  });

  it.each<[JobStatus, string, number | undefined, string | undefined]>([
    [
      { JobState: 10, ErrorCode: 32768, ErrorDescription: "The disk is full." },
      "job failed: Exception (10): error 32768: The disk is full.",
      32768,
      "The disk is full.",
    ],
    [{ JobState: 8 }, "job failed: Terminated (8)", undefined, undefined],
    [
      { JobState: 9, ErrorCode: null, ErrorDescription: "Killed by user" },
      "job failed: Killed (9): Killed by user",
      undefined,
      "Killed by user",
    ],
  ])("rejects %j with JobFailedError", async (failed, message, errorCode, errorDescription) => {
    const job = scripted([running, failed]);
    const error = await waitForJob(job.fetchJob, { intervalMs: 10, timeoutMs: 1000, ...job }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).toMatchObject({ message, jobState: failed.JobState, errorCode, errorDescription, job: failed });
  });

  it("times out after one last poll at the deadline", async () => {
    const job = scripted([running]);
    const error = await waitForJob(job.fetchJob, { intervalMs: 400, timeoutMs: 1000, ...job }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobTimeoutError);
    expect(error).toMatchObject({ message: "job still Running (4) after 1000 ms", job: running, timeoutMs: 1000 });
    expect(job.polls).toEqual([0, 400, 800, 1000]);
    expect(job.sleeps).toEqual([400, 400, 200]);
  });

  it("passes on fetchJob's errors", async () => {
    const failure = new Error("WinRM connection lost");
    await expect(waitForJob(() => Promise.reject(failure), { intervalMs: 1, timeoutMs: 1 })).rejects.toBe(failure);
  });

  it("rejects bad options", async () => {
    const fetchJob = async () => completed;
    await expect(waitForJob(fetchJob, { intervalMs: -1, timeoutMs: 1 })).rejects.toThrow("intervalMs -1 is not >= 0");
    await expect(waitForJob(fetchJob, { intervalMs: 1, timeoutMs: Number.NaN })).rejects.toThrow(
      "timeoutMs NaN is not >= 0",
    );
  });
});

describe("waitForJob with the real timer (faked)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sleeps with setTimeout and waits on with an infinite timeout", async () => {
    vi.useFakeTimers();
    const states = [running, running, completed];
    let polls = 0;
    const done = waitForJob(async () => states[polls++] as JobStatus, { intervalMs: 5000, timeoutMs: Infinity });
    await vi.advanceTimersByTimeAsync(4999);
    expect(polls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(polls).toBe(2);
    await vi.advanceTimersByTimeAsync(5000);
    await expect(done).resolves.toBe(completed);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stops at once when the signal aborts, leaving no timer behind", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    let polls = 0;
    const done = waitForJob(
      async () => {
        polls++;
        return running;
      },
      { intervalMs: 60_000, timeoutMs: 600_000, signal: controller.signal },
    );
    await vi.advanceTimersByTimeAsync(0);
    controller.abort(new Error("cancelled by user"));
    await expect(done).rejects.toThrow("cancelled by user");
    expect([polls, vi.getTimerCount()]).toEqual([1, 0]);
  });

  it("does not poll when the signal has already aborted", async () => {
    const fetchJob = vi.fn(async () => completed);
    const signal = AbortSignal.abort(new Error("too late"));
    await expect(waitForJob(fetchJob, { intervalMs: 1, timeoutMs: 1, signal })).rejects.toThrow("too late");
    expect(fetchJob).not.toHaveBeenCalled();
  });

  it("really waits a few milliseconds without fakes", async () => {
    const states = [running, completed];
    let polls = 0;
    const started = Date.now();
    await waitForJob(async () => states[polls++] as JobStatus, { intervalMs: 5, timeoutMs: 1000 });
    expect(Date.now() - started).toBeLessThan(500);
    expect(polls).toBe(2);
  });
});

describe("waitForJob with the generated job classes as they are", () => {
  // Msvm_ConcreteJob's JobState is optional (no Required qualifier): the generated class must be accepted as it is
  // (a type error before), and a job read without a JobState is a clear error rather than a wait for the timeout.
  it("accepts Msvm_ConcreteJob and returns it typed", async () => {
    const jobs: Msvm_ConcreteJob[] = [
      { InstanceID: "J1", JobState: 4 },
      { InstanceID: "J1", JobState: 7 },
    ];
    const done = await waitForJob(async () => jobs.shift() as Msvm_ConcreteJob, { intervalMs: 0, timeoutMs: 1000 });
    expectTypeOf(done).toEqualTypeOf<Msvm_ConcreteJob>();
    expect(done.JobState).toBe(7);
  });

  it("rejects a job without JobState at once", async () => {
    const fetchJob = vi.fn(async (): Promise<Msvm_ConcreteJob> => ({ InstanceID: "J1", JobState: null }));
    await expect(waitForJob(fetchJob, { intervalMs: 0, timeoutMs: 1000 })).rejects.toBeInstanceOf(JobStateMissingError);
    expect(fetchJob).toHaveBeenCalledTimes(1);
  });
});
