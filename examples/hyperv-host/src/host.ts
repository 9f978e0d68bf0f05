import { type ClassSchema, JobStore, ProviderHost } from "@mofgen/runtime";
import { type CimServer, type CimServerOptions, createCimServer } from "@mofgen/runtime/server";
import * as classes from "../generated/root/virtualization/v2/index.js";
import type { ClassMap } from "../generated/root/virtualization/v2/providers/class-map.js";
import { Inventory } from "./inventory.js";
import { AffectedJobElementProvider, SnapshotOfVirtualSystemProvider } from "./providers/associations.js";
import { ComputerSystemProvider } from "./providers/computer-system.js";
import { ImageManagementProvider } from "./providers/image-management.js";
import { SettingsProvider } from "./providers/settings.js";
import { SnapshotServiceProvider } from "./providers/snapshot-service.js";

/** Every class schema the generator wrote for root/virtualization/v2 (its `<Class>_Schema` constants). */
export const schemas: readonly ClassSchema[] = Object.entries(classes)
  .filter(([name]) => name.endsWith("_Schema"))
  .map(([, schema]) => schema as ClassSchema);

export interface ExampleHostOptions {
  /** How long a snapshot or disk-creation job runs before it completes. */
  readonly jobMs?: number;
  /** The clock snapshots are dated by; tests fix it so what clients print can be compared exactly. */
  readonly now?: () => Date;
}

/** The example's providers, registered with a host typed by the namespace's ClassMap. */
export function createExampleHost(options: ExampleHostOptions = {}) {
  const jobMs = options.jobMs ?? 300;
  const inventory = new Inventory(options.now);
  const jobs = new JobStore(classes.Msvm_ConcreteJob_Schema);
  const host = new ProviderHost<ClassMap>()
    .register(new ComputerSystemProvider(inventory))
    .register(new SettingsProvider(inventory))
    .register(new SnapshotServiceProvider(inventory, jobs, jobMs))
    .register(new ImageManagementProvider(jobs, jobMs))
    .register(jobs)
    .register(new SnapshotOfVirtualSystemProvider(inventory))
    .register(new AffectedJobElementProvider(jobs));
  return { host, inventory, jobs };
}

/** The example host behind a CIM-XML server (not yet listening). */
export function createExampleServer(
  options: ExampleHostOptions & Omit<CimServerOptions, "host" | "schemas"> = {},
): CimServer {
  const { host } = createExampleHost(options);
  return createCimServer({ ...options, host, schemas });
}
