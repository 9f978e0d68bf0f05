import { getKey, type JobStore, type ObjectPath, type OperationContext, type ReferencesOptions } from "@mofgen/runtime";
import type { Msvm_AffectedJobElement } from "../../generated/root/virtualization/v2/Msvm_AffectedJobElement.js";
import type { Msvm_SnapshotOfVirtualSystem } from "../../generated/root/virtualization/v2/Msvm_SnapshotOfVirtualSystem.js";
import { Msvm_AffectedJobElementProviderBase } from "../../generated/root/virtualization/v2/providers/Msvm_AffectedJobElement.js";
import { Msvm_SnapshotOfVirtualSystemProviderBase } from "../../generated/root/virtualization/v2/providers/Msvm_SnapshotOfVirtualSystem.js";
import { computerPath, type Inventory, settingsPath } from "../inventory.js";

const isClass = (path: ObjectPath, name: string) => path.className.toLowerCase() === name.toLowerCase();
const samePath = (a: ObjectPath, b: ObjectPath) =>
  isClass(a, b.className) && Object.entries(b.keys).every(([key, value]) => getKey(a, key) === value);

/** A VM and each snapshot taken of it. */
export class SnapshotOfVirtualSystemProvider extends Msvm_SnapshotOfVirtualSystemProviderBase {
  constructor(readonly inventory: Inventory) {
    super();
  }

  override async enumerateInstances(): Promise<readonly Msvm_SnapshotOfVirtualSystem[]> {
    return [...this.inventory.snapshotOf].map(([id, vm]) => ({
      Antecedent: computerPath(vm),
      Dependent: settingsPath(id),
    }));
  }

  override async references(
    source: ObjectPath,
    options: ReferencesOptions,
  ): Promise<readonly Msvm_SnapshotOfVirtualSystem[]> {
    const all = await this.enumerateInstances();
    return all.filter((link) => {
      const asVm = isClass(source, "Msvm_ComputerSystem") && getKey(link.Antecedent, "Name") === getKey(source, "Name");
      const asSnapshot =
        isClass(source, "Msvm_VirtualSystemSettingData") &&
        getKey(link.Dependent, "InstanceID") === getKey(source, "InstanceID");
      return (asVm && options.role !== "Dependent") || (asSnapshot && options.role !== "Antecedent");
    });
  }
}

/** A job and the elements it works on (the VM) and makes (the snapshot), from the job store. */
export class AffectedJobElementProvider extends Msvm_AffectedJobElementProviderBase {
  constructor(readonly jobs: JobStore) {
    super();
  }

  override async enumerateInstances(context: OperationContext): Promise<readonly Msvm_AffectedJobElement[]> {
    const all = (await this.jobs.enumerateInstances(context)) as { InstanceID: string }[];
    return all.flatMap((job) => this.#links(this.jobs.pathOf(job.InstanceID)));
  }

  override async references(
    source: ObjectPath,
    options: ReferencesOptions,
  ): Promise<readonly Msvm_AffectedJobElement[]> {
    if (isClass(source, this.jobs.schema.name)) return options.role === "AffectedElement" ? [] : this.#links(source);
    if (options.role === "AffectingElement") return [];
    return this.jobs
      .jobsAffecting(source)
      .flatMap((job) => this.#links(job).filter((link) => samePath(link.AffectedElement, source)));
  }

  #links(job: ObjectPath): Msvm_AffectedJobElement[] {
    return this.jobs.affectedBy(job).map((element) => ({
      AffectedElement: element,
      AffectingElement: { ...job, keys: { InstanceID: getKey(job, "InstanceID") ?? "" } },
      // The VM is used exclusively while the job runs; a snapshot is what the job creates.
      ElementEffects: [isClass(element, "Msvm_ComputerSystem") ? 2 : 5],
    }));
  }
}
