import { getKey, type MethodContext, type ObjectPath } from "@mofgen/runtime";
import type {
  Msvm_ComputerSystem,
  Msvm_ComputerSystem_RequestStateChange_In,
  Msvm_ComputerSystem_RequestStateChange_Out,
} from "../../generated/root/virtualization/v2/Msvm_ComputerSystem.js";
import { Msvm_ComputerSystemProviderBase } from "../../generated/root/virtualization/v2/providers/Msvm_ComputerSystem.js";
import { Msvm_ComputerSystem_RequestStateChange_ReturnValue as ReturnValue } from "../../generated/root/virtualization/v2/value-maps.js";
import type { Inventory } from "../inventory.js";

/** The host and its virtual machines; RequestStateChange turns a VM on (2) or off (3) at once. */
export class ComputerSystemProvider extends Msvm_ComputerSystemProviderBase {
  constructor(readonly inventory: Inventory) {
    super();
  }

  override async enumerateInstances(): Promise<readonly Msvm_ComputerSystem[]> {
    return this.inventory.computers;
  }

  override async getInstance(path: ObjectPath): Promise<Msvm_ComputerSystem | undefined> {
    return this.inventory.findComputer(getKey(path, "Name"));
  }

  override async RequestStateChange(
    input: Msvm_ComputerSystem_RequestStateChange_In,
    context: MethodContext,
  ): Promise<Msvm_ComputerSystem_RequestStateChange_Out> {
    const computer = this.inventory.findComputer(
      context.target === undefined ? undefined : getKey(context.target, "Name"),
    );
    const state = input.RequestedState;
    if (computer === undefined || (state !== 2 && state !== 3)) return { ReturnValue: ReturnValue.InvalidParameter };
    Object.assign(computer, { EnabledState: state, RequestedState: state });
    return { ReturnValue: ReturnValue.CompletedWithNoError };
  }
}
