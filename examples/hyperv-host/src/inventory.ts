import { fromDate, type ObjectPath } from "@mofgen/runtime";
import type { Msvm_ComputerSystem } from "../generated/root/virtualization/v2/Msvm_ComputerSystem.js";
import type { Msvm_VirtualSystemSettingData } from "../generated/root/virtualization/v2/Msvm_VirtualSystemSettingData.js";
import { CIM_EnabledLogicalElement_EnabledState as EnabledState } from "../generated/root/virtualization/v2/value-maps.js";

/**
 * What the example host pretends to manage: the host computer and three virtual machines as Hyper-V reports them
 * (Name is the VM's GUID, ElementName what people call it), and their snapshots. Fixed GUIDs and times, so what
 * clients print can be compared exactly.
 */
export const namespace = "root/virtualization/v2";
export const hostName = "HYPERV-01";

const at = (iso: string) => fromDate(new Date(iso));

export interface Vm extends Msvm_ComputerSystem {
  readonly Name: string;
}

function vm(name: string, elementName: string, state: number, onTime: bigint, processId: number | null): Vm {
  return {
    CreationClassName: "Msvm_ComputerSystem",
    Name: name,
    ElementName: elementName,
    Caption: "Virtual Machine",
    Description: "Microsoft Virtual Machine",
    EnabledState: state,
    RequestedState: state === EnabledState.Enabled ? 2 : 3,
    HealthState: 5,
    OnTimeInMilliseconds: onTime,
    ProcessID: processId,
    InstallDate: at("2024-03-01T09:30:00Z"),
    TimeOfLastStateChange: at("2024-06-12T07:15:42Z"),
    NumberOfNumaNodes: 1,
  };
}

export class Inventory {
  constructor(readonly now: () => Date = () => new Date()) {}

  readonly computers: Vm[] = [
    {
      CreationClassName: "Msvm_ComputerSystem",
      Name: hostName,
      ElementName: hostName,
      Caption: "Hosting Computer System",
      Description: "Microsoft Hosting Computer System",
      EnabledState: EnabledState.Enabled,
      HealthState: 5,
      NumberOfNumaNodes: 2,
    },
    vm("6C3E2D1A-8F4B-4E7C-9A2D-1B5F3C7E9A01", "web-01", EnabledState.Enabled, 864_000_123n, 4312),
    vm("9B1F7A3C-2E5D-4C8B-B6A4-3D2E1F0C8B02", "db-01", EnabledState.Enabled, 1_728_000_456n, 5120),
    vm("2A4C6E8F-1B3D-4F5A-8C7E-9D0B2A4C6E03", "build-01", EnabledState.Disabled, 0n, null),
  ];

  /** Each VM's own settings (Realized), then the snapshots taken. */
  readonly settings: Msvm_VirtualSystemSettingData[] = this.computers.slice(1).map((c) => ({
    InstanceID: `Microsoft:${c.Name}`,
    ElementName: c.ElementName ?? c.Name,
    VirtualSystemIdentifier: c.Name,
    VirtualSystemType: "Microsoft:Hyper-V:System:Realized",
    CreationTime: at("2024-03-01T09:30:00Z"),
  }));

  /**
   * VMs with a pass-through disk (a physical disk given to the VM whole): Hyper-V cannot checkpoint them, so their
   * snapshot jobs fail. db-01 has one, which gives clients a job failure to handle.
   */
  readonly passThroughDisks = new Set(["9B1F7A3C-2E5D-4C8B-B6A4-3D2E1F0C8B02"]);

  /** Snapshot settings InstanceID -> the VM it was taken of. */
  readonly snapshotOf = new Map<string, string>();

  findComputer(name: unknown): Vm | undefined {
    return this.computers.find((c) => typeof name === "string" && c.Name.toLowerCase() === name.toLowerCase());
  }

  /** Take a snapshot of a VM: its settings as they are, named as Hyper-V names them. */
  addSnapshot(computer: Vm): ObjectPath {
    const now = this.now();
    const count = this.snapshotOf.size + 1;
    const id = `Microsoft:${computer.Name}:SNAPSHOT-${String(count).padStart(4, "0")}`;
    this.settings.push({
      InstanceID: id,
      ElementName: `${computer.ElementName ?? computer.Name} - (${now.toISOString().slice(0, 10)})`,
      VirtualSystemIdentifier: computer.Name,
      VirtualSystemType: "Microsoft:Hyper-V:Snapshot:Realized",
      CreationTime: fromDate(now),
    });
    this.snapshotOf.set(id, computer.Name);
    return settingsPath(id);
  }
}

export const computerPath = (name: string): ObjectPath => ({
  className: "Msvm_ComputerSystem",
  namespace,
  keys: { CreationClassName: "Msvm_ComputerSystem", Name: name },
});

export const settingsPath = (id: string): ObjectPath => ({
  className: "Msvm_VirtualSystemSettingData",
  namespace,
  keys: { InstanceID: id },
});
