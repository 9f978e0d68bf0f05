import { describe, expect, it } from "vitest";
import { Msvm_ConcreteJob_Schema } from "../../generated/root/virtualization/v2/Msvm_ConcreteJob.js";
import { JobStore } from "../../runtime/src/host/job-store.js";
import { ProviderHost } from "../../runtime/src/host/provider-host.js";
import { CimError } from "../../runtime/src/values/cim-error.js";

/** The job store as the provider of the generated Msvm_ConcreteJob, through a ProviderHost that checks its instances. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("JobStore", () => {
  it("a job is Running, then Completed; a failed one is Exception with the error's message", async () => {
    const jobs = new JobStore(Msvm_ConcreteJob_Schema);
    const host = new ProviderHost().register(jobs);
    let finish = () => {};
    const ok = jobs.start(() => new Promise<void>((resolve) => (finish = resolve)), { name: "Copying" });
    const bad = jobs.start(async () => Promise.reject(new Error("disk full")));
    await settle();
    const state = async (path: typeof ok) => {
      const job = (await host.getInstance(path)) as Record<string, unknown>;
      return [job.JobState, job.PercentComplete, job.ErrorCode, job.ErrorDescription, job.ElementName];
    };
    expect(await state(ok)).toEqual([4, 0, 0, null, "Copying"]);
    expect(await state(bad)).toEqual([10, 0, 1, "disk full", "Job"]);
    finish();
    await settle();
    expect(await state(ok)).toEqual([7, 100, 0, null, "Copying"]);
    expect(await host.enumerateInstances("Msvm_ConcreteJob")).toHaveLength(2);
  });

  it("keeps at most maxJobs: the oldest finished job goes first, and with none finished no job starts", async () => {
    const jobs = new JobStore(Msvm_ConcreteJob_Schema, { maxJobs: 2 });
    const first = jobs.start(async () => {});
    await settle();
    jobs.start(() => new Promise(() => {}));
    jobs.start(() => new Promise(() => {}));
    await expect(jobs.getInstance(first, {} as never)).resolves.toBeUndefined();
    expect(() => jobs.start(async () => {})).toThrow(CimError);
  });

  it("GetErrorEx and GetError answer a failed job's reported errors, or one made from what it threw", async () => {
    const jobs = new JobStore(Msvm_ConcreteJob_Schema);
    const host = new ProviderHost().register(jobs);
    const reported = jobs.start(async (job) => {
      job.reportError({ CIMStatusCode: 4, Message: "no room", MessageID: "X1", NotAProperty: true });
      job.reportError({ CIMStatusCode: 1, Message: "gave up", MessageID: "X2" });
      throw new Error("failed");
    });
    const thrown = jobs.start(async () => Promise.reject(new CimError(6, "the VM is gone")));
    let finish = () => {};
    const running = jobs.start(() => new Promise<void>((resolve) => (finish = resolve)));
    await settle();
    const call = (path: typeof reported, method: "GetErrorEx" | "GetError") =>
      host.invokeMethod("Msvm_ConcreteJob", method, {}, path) as Promise<Record<string, unknown>>;
    expect(await call(reported, "GetErrorEx")).toEqual({
      ReturnValue: 0,
      Errors: [
        { CIMStatusCode: 4, Message: "no room", MessageID: "X1" },
        { CIMStatusCode: 1, Message: "gave up", MessageID: "X2" },
      ],
    });
    expect(await call(reported, "GetError")).toEqual({
      ReturnValue: 0,
      Error: { CIMStatusCode: 4, Message: "no room", MessageID: "X1" },
    });
    expect(await call(thrown, "GetErrorEx")).toEqual({
      ReturnValue: 0,
      Errors: [{ CIMStatusCode: 6, Message: "the VM is gone", MessageID: "", ErrorType: 4, PerceivedSeverity: 5 }],
    });
    // A job still running (or one that completed) has no error: null, as Windows answers.
    expect(await call(running, "GetErrorEx")).toEqual({ ReturnValue: 0, Errors: null });
    finish();
    await settle();
    expect(await call(running, "GetError")).toEqual({ ReturnValue: 0, Error: null });
    await expect(
      host.invokeMethod("Msvm_ConcreteJob", "RequestStateChange", { RequestedState: 4 }, running),
    ).rejects.toThrow(/NOT_SUPPORTED/);
  });

  it("refuses a class that is not a concrete job", () => {
    // Without its own properties and without the link to CIM_ConcreteJob's schema, nothing gives it a JobState.
    const { superclassSchema: _, ...alone } = Msvm_ConcreteJob_Schema;
    expect(() => new JobStore({ ...alone, properties: [] })).toThrow(/not a concrete job class/);
  });
});

describe("JobStore.jobsAffecting", () => {
  it("finds an element whose class is named in another ASCII case, and not through a non-ASCII case pair", () => {
    // The one MOF name rule (foldName): ASCII letters fold, nothing else (issue 13 item 23).
    const jobs = new JobStore(Msvm_ConcreteJob_Schema);
    const element = { className: "Test_Stra\u00DFe", keys: { Id: "1" } };
    const job = jobs.start(() => new Promise<void>(() => {}), { affected: [element] });
    expect(jobs.jobsAffecting({ className: "TEST_STRA\u00DFE", keys: { Id: "1" } })).toEqual([job]);
    expect(jobs.jobsAffecting({ className: "test_stra\u00DFe", keys: { Id: "1" } })).toEqual([job]);
    expect(jobs.jobsAffecting({ className: "TEST_STRASSE", keys: { Id: "1" } })).toEqual([]);
    expect(jobs.jobsAffecting({ className: "Test_Strase", keys: { Id: "1" } })).toEqual([]);
    const umlaut = jobs.start(() => new Promise<void>(() => {}), {
      affected: [{ className: "Test_\u00C4", keys: {} }],
    });
    expect(jobs.jobsAffecting({ className: "TEST_\u00C4", keys: {} })).toEqual([umlaut]);
    expect(jobs.jobsAffecting({ className: "Test_\u00E4", keys: {} })).toEqual([]);
  });
});
