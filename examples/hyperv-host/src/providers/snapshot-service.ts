import { CimError, CimStatus, getKey, type JobStore, type MethodContext, type ObjectPath } from "@mofgen/runtime";
import type { Msvm_VirtualSystemSnapshotService } from "../../generated/root/virtualization/v2/Msvm_VirtualSystemSnapshotService.js";
import {
  type Msvm_VirtualSystemSnapshotService_CreateSnapshot_In,
  type Msvm_VirtualSystemSnapshotService_CreateSnapshot_Out,
  Msvm_VirtualSystemSnapshotService_CreateSnapshot_ReturnValue as ReturnValue,
} from "../../generated/root/virtualization/v2/Msvm_VirtualSystemSnapshotService.js";
import { Msvm_VirtualSystemSnapshotServiceProviderBase } from "../../generated/root/virtualization/v2/providers/Msvm_VirtualSystemSnapshotService.js";
import { hostName, type Inventory } from "../inventory.js";

export const snapshotService: Msvm_VirtualSystemSnapshotService = {
  CreationClassName: "Msvm_VirtualSystemSnapshotService",
  Name: "vssnapsvc",
  SystemCreationClassName: "Msvm_ComputerSystem",
  SystemName: hostName,
  ElementName: "Microsoft Hyper-V Virtual System Snapshot Service",
  EnabledState: 2,
  HealthState: 5,
  Started: true,
};

/**
 * CreateSnapshot as Hyper-V does it: the parameters are checked, the call returns 4096 with the job at once, and
 * the snapshot appears when the job completes (after `delayMs`), as an element the job affects. A VM with a
 * pass-through disk cannot be snapshotted: its job fails, and the job's GetErrorEx answers the Msvm_Error saying why.
 */
export class SnapshotServiceProvider extends Msvm_VirtualSystemSnapshotServiceProviderBase {
  constructor(
    readonly inventory: Inventory,
    readonly jobs: JobStore,
    readonly delayMs: number,
  ) {
    super();
  }

  override async enumerateInstances(): Promise<readonly Msvm_VirtualSystemSnapshotService[]> {
    return [snapshotService];
  }

  override async getInstance(path: ObjectPath): Promise<Msvm_VirtualSystemSnapshotService | undefined> {
    return getKey(path, "Name") === snapshotService.Name ? snapshotService : undefined;
  }

  override async CreateSnapshot(
    input: Msvm_VirtualSystemSnapshotService_CreateSnapshot_In,
    _context: MethodContext,
  ): Promise<Msvm_VirtualSystemSnapshotService_CreateSnapshot_Out> {
    const system = input.AffectedSystem;
    const computer =
      system === undefined || system === null ? undefined : this.inventory.findComputer(getKey(system, "Name"));
    if (computer === undefined || computer.Name === hostName)
      throw new CimError(
        CimStatus.CIM_ERR_INVALID_PARAMETER,
        "CreateSnapshot: AffectedSystem is not a virtual machine here",
      );
    if (input.SnapshotType !== undefined && input.SnapshotType !== null && input.SnapshotType !== 2)
      return { ReturnValue: ReturnValue.NotSupported };
    const vm = computer;
    const Job = this.jobs.start(
      async (job) => {
        await new Promise((resolve) => setTimeout(resolve, this.delayMs));
        if (this.inventory.passThroughDisks.has(vm.Name)) {
          const name = vm.ElementName ?? vm.Name;
          job.reportError({
            CIMStatusCode: CimStatus.CIM_ERR_FAILED,
            Message: `'${name}' could not create a checkpoint: the virtual machine has a pass-through disk.`,
            MessageID: "HyperVExample.PassThroughDisk",
            OwningEntity: "mofgen Hyper-V example host",
            ErrorType: 10, // Unsupported Operation Error
            PerceivedSeverity: 5, // Major
          });
          throw new Error(`checkpoint of ${name} failed`);
        }
        job.progress(100);
        job.affect(this.inventory.addSnapshot(vm));
      },
      { name: `Creating a snapshot of ${vm.ElementName ?? vm.Name}`, affected: [system as ObjectPath] },
    );
    return { ReturnValue: ReturnValue.MethodParametersCheckedJobStarted, Job };
  }
}
