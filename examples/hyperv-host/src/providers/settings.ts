import { getKey, type ObjectPath } from "@mofgen/runtime";
import type { Msvm_VirtualSystemSettingData } from "../../generated/root/virtualization/v2/Msvm_VirtualSystemSettingData.js";
import { Msvm_VirtualSystemSettingDataProviderBase } from "../../generated/root/virtualization/v2/providers/Msvm_VirtualSystemSettingData.js";
import type { Inventory } from "../inventory.js";

/** The VMs' settings and their snapshots (Msvm_VirtualSystemSettingData with a Snapshot VirtualSystemType). */
export class SettingsProvider extends Msvm_VirtualSystemSettingDataProviderBase {
  constructor(readonly inventory: Inventory) {
    super();
  }

  override async enumerateInstances(): Promise<readonly Msvm_VirtualSystemSettingData[]> {
    return this.inventory.settings;
  }

  override async getInstance(path: ObjectPath): Promise<Msvm_VirtualSystemSettingData | undefined> {
    const id = getKey(path, "InstanceID");
    return this.inventory.settings.find((s) => s.InstanceID === id);
  }
}
