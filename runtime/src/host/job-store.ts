import { CimError, CimStatus, notSupported } from "../values/cim-error.js";
import { sameName } from "../values/cim-name.js";
import { effectiveMembers } from "../values/class-members.js";
import { fromDate } from "../values/datetime.js";
import { intervalFromMilliseconds } from "../values/interval.js";
import { JobState } from "../values/job.js";
import { getKey, type ObjectPath } from "../values/reference.js";
import type { ClassSchema } from "../values/schema.js";
import type { OperationContext, Provider } from "./provider.js";

/**
 * The jobs of the "job started" convention (a method returns 4096 and an Out `Job` reference), kept so clients can
 * poll them: register the store as the provider of the namespace's concrete job class (`Msvm_ConcreteJob`,
 * `CIM_ConcreteJob`...), and a provider's method calls `start(work)` and returns the reference it gives. The job
 * is Running until `work` settles, then Completed, or Exception with `ErrorCode` 1 and the error's message. Only
 * the properties the job class has are set, so any subclass of CIM_ConcreteJob works. Finished jobs are kept up to
 * `maxJobs` (the oldest finished go first), so a busy host cannot grow without bound.
 *
 * A failed job says why as Hyper-V's do: when the job class declares `GetErrorEx` (`Errors[]`) or `GetError`
 * (`Error`), each an embedded instance of a CIM_Error subclass (`Msvm_Error`), the store answers them with the
 * errors the work reported (`job.reportError`), or else one made from what it threw (a CimError's status and
 * detail, CIM_ERR_FAILED and the message otherwise). A job that has not failed has none (null, as Windows answers).
 */
export interface JobStoreOptions {
  /** Most jobs kept; when full, the oldest finished job is forgotten, and with none finished `start` fails. */
  readonly maxJobs?: number;
  readonly now?: () => Date;
}

export interface StartJobOptions {
  /** `ElementName`/`Caption`: what the job does, in words. */
  readonly name?: string;
  /** The elements the job works on or makes (`CIM_AffectedJobElement`), added to as the work goes on. */
  readonly affected?: readonly ObjectPath[];
}

/** What the work of a job can do while it runs. */
export interface JobControl {
  readonly signal: AbortSignal;
  /** Percent complete, 0..100. */
  progress(percent: number): void;
  /** Record an element the job affects (a snapshot it created). */
  affect(path: ObjectPath): void;
  /**
   * Record why the job is failing, as the properties of the job class's error class (CIM_Error's: `CIMStatusCode`,
   * `Message`, `MessageID`...); `GetErrorEx` returns them in order once the work throws.
   */
  reportError(error: Readonly<Record<string, unknown>>): void;
}

interface Job {
  readonly id: string;
  readonly name: string;
  readonly submitted: Date;
  state: number;
  percent: number;
  finished?: Date;
  errorDescription?: string;
  readonly errors: Record<string, unknown>[];
  readonly affected: ObjectPath[];
  readonly abort: AbortController;
}

export class JobStore implements Provider {
  readonly #jobs = new Map<string, Job>();
  readonly #maxJobs: number;
  readonly #now: () => Date;
  readonly #properties: ReadonlySet<string>;

  constructor(
    readonly schema: ClassSchema,
    options: JobStoreOptions = {},
  ) {
    this.#maxJobs = options.maxJobs ?? 1000;
    this.#now = options.now ?? (() => new Date());
    this.#properties = new Set(effectiveMembers(schema).properties.map((p) => p.name));
    if (!this.#properties.has("InstanceID") || !this.#properties.has("JobState"))
      throw new TypeError(`${schema.name} is not a concrete job class (it needs InstanceID and JobState)`);
  }

  /** Start `work` as a job; resolves at once with the job's path, for the method's Out `Job`. */
  start(work: (job: JobControl) => Promise<void>, options: StartJobOptions = {}): ObjectPath {
    this.#makeRoom();
    const id = globalThis.crypto.randomUUID().toUpperCase();
    const job: Job = {
      id,
      name: options.name ?? "Job",
      submitted: this.#now(),
      state: JobState.Running,
      percent: 0,
      affected: [...(options.affected ?? [])],
      errors: [],
      abort: new AbortController(),
    };
    this.#jobs.set(id, job);
    const control: JobControl = {
      signal: job.abort.signal,
      progress: (percent) => {
        job.percent = Math.max(0, Math.min(100, Math.round(percent)));
      },
      affect: (path) => job.affected.push(path),
      reportError: (error) => {
        if (job.errors.length < maxErrors) job.errors.push({ ...error });
      },
    };
    // The work runs after this call returns: the method answers 4096 first, as a real provider does.
    setTimeout(() => {
      work(control).then(
        () => this.#finish(job, JobState.Completed),
        (error: unknown) => {
          if (job.errors.length === 0) job.errors.push(errorFrom(error));
          this.#finish(job, JobState.Exception, error instanceof Error ? error.message : String(error));
        },
      );
    }, 0);
    return this.pathOf(id);
  }

  /** The elements a job affects, for a `CIM_AffectedJobElement` provider. */
  affectedBy(job: ObjectPath): readonly ObjectPath[] {
    return this.#byPath(job)?.affected ?? [];
  }

  /** The jobs that affect `element`. */
  jobsAffecting(element: ObjectPath): ObjectPath[] {
    const same = (p: ObjectPath) =>
      sameName(p.className, element.className) &&
      Object.entries(element.keys).every(([k, v]) => String(getKey(p, k)) === String(v));
    return [...this.#jobs.values()].filter((j) => j.affected.some(same)).map((j) => this.pathOf(j.id));
  }

  pathOf(id: string): ObjectPath {
    return { className: this.schema.name, namespace: this.schema.namespace, keys: { InstanceID: id } };
  }

  async enumerateInstances(_context: OperationContext): Promise<readonly object[]> {
    return [...this.#jobs.values()].map((job) => this.#instance(job));
  }

  async getInstance(path: ObjectPath, _context: OperationContext): Promise<object | undefined> {
    const job = this.#byPath(path);
    return job === undefined ? undefined : this.#instance(job);
  }

  async createInstance(): Promise<ObjectPath> {
    throw notSupported(this.schema, "createInstance");
  }

  async modifyInstance(): Promise<void> {
    throw notSupported(this.schema, "modifyInstance");
  }

  /** Forget a finished job; a running one is killed first (CIM_Job's DeleteOnCompletion semantics, by hand). */
  async deleteInstance(path: ObjectPath, _context: OperationContext): Promise<void> {
    const job = this.#byPath(path);
    if (job === undefined)
      throw new CimError(CimStatus.CIM_ERR_NOT_FOUND, `${this.schema.name}: no job ${keyOf(path)}`);
    job.abort.abort(new Error("the job was deleted"));
    this.#jobs.delete(job.id);
  }

  /** GetErrorEx and GetError, when the job class declares them; any other method is not supported. */
  async invokeMethod(
    _input: object,
    context: { readonly methodName: string; readonly target?: ObjectPath | undefined },
  ): Promise<object> {
    const method = effectiveMembers(this.schema).methods.find((m) => sameName(m.name, context.methodName));
    const out = method?.parameters.find((p) => p.out === true && p.embeddedClass !== undefined);
    const reads = method !== undefined && (sameName(method.name, "GetErrorEx") || sameName(method.name, "GetError"));
    if (!reads || out === undefined || context.target === undefined)
      throw notSupported(this.schema, context.methodName);
    const job = this.#byPath(context.target);
    if (job === undefined)
      throw new CimError(CimStatus.CIM_ERR_NOT_FOUND, `${this.schema.name}: no job ${keyOf(context.target)}`);
    const schema = out.embeddedSchema?.();
    const errors = job.state === JobState.Exception ? job.errors.map((e) => onlyPropertiesOf(schema, e)) : [];
    // GetErrorEx's Errors[] holds them all; GetError's Error the first. Null when there is none.
    const value = out.array === true ? (errors.length === 0 ? null : errors) : (errors[0] ?? null);
    return { ReturnValue: 0, [out.name]: value };
  }

  #byPath(path: ObjectPath): Job | undefined {
    const id = getKey(path, "InstanceID");
    return typeof id === "string" ? this.#jobs.get(id.toUpperCase()) : undefined;
  }

  #finish(job: Job, state: number, errorDescription?: string): void {
    job.state = state;
    job.finished = this.#now();
    if (state === JobState.Completed) job.percent = 100;
    if (errorDescription !== undefined) job.errorDescription = errorDescription;
  }

  #makeRoom(): void {
    if (this.#jobs.size < this.#maxJobs) return;
    for (const job of this.#jobs.values())
      if (job.finished !== undefined) {
        this.#jobs.delete(job.id);
        return;
      }
    throw new CimError(CimStatus.CIM_ERR_FAILED, `${this.#maxJobs} jobs are running; no more can start`);
  }

  /** The job as an instance of the job class: only the properties the class has. */
  #instance(job: Job): Record<string, unknown> {
    const failed = job.state === JobState.Exception;
    const end = job.finished ?? this.#now();
    const all: Record<string, unknown> = {
      InstanceID: job.id,
      Caption: job.name,
      Name: job.name,
      ElementName: job.name,
      JobState: job.state,
      JobStatus:
        job.state === JobState.Running ? "Job is running" : failed ? "Job failed" : "Job completed successfully",
      PercentComplete: job.percent,
      TimeSubmitted: fromDate(job.submitted),
      StartTime: fromDate(job.submitted),
      ElapsedTime: intervalFromMilliseconds(end.getTime() - job.submitted.getTime()),
      ErrorCode: failed ? 1 : 0,
      ErrorDescription: failed ? (job.errorDescription ?? "") : null,
      DeleteOnCompletion: false,
      // Required by CIM_ConcreteJob: how long a finished job stays; this store keeps them until maxJobs forces one out.
      TimeBeforeRemoval: intervalFromMilliseconds(5 * 60 * 1000),
    };
    return Object.fromEntries(Object.entries(all).filter(([name]) => this.#properties.has(name)));
  }
}

/** At most this many errors are kept per job: a runaway work loop cannot grow the store. */
const maxErrors = 32;

/** The error instance of a job whose work threw without reporting one: CIM_Error's properties for it. */
function errorFrom(error: unknown): Record<string, unknown> {
  const status = error instanceof CimError ? error.code : CimStatus.CIM_ERR_FAILED;
  const message = error instanceof CimError ? error.detail : error instanceof Error ? error.message : String(error);
  // ErrorType 4 is "Software Error", PerceivedSeverity 5 "Major" (CIM_Error's value maps).
  return { CIMStatusCode: status, Message: message, MessageID: "", ErrorType: 4, PerceivedSeverity: 5 };
}

/** An error's properties that its class has (all of them without a schema). */
function onlyPropertiesOf(schema: ClassSchema | undefined, error: Record<string, unknown>): Record<string, unknown> {
  if (schema === undefined) return error;
  const names = effectiveMembers(schema).properties.map((p) => p.name);
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(error)) {
    const known = names.find((n) => sameName(n, name));
    if (known !== undefined) kept[known] = value;
  }
  return kept;
}

function keyOf(path: ObjectPath): string {
  return String(getKey(path, "InstanceID"));
}
