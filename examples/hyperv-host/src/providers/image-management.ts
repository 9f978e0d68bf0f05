import { embedded, fromDate, getKey, type JobStore, type ObjectPath } from "@mofgen/runtime";
import type {
  Msvm_ImageManagementService,
  Msvm_ImageManagementService_CreateVirtualHardDisk_In,
  Msvm_ImageManagementService_CreateVirtualHardDisk_Out,
  Msvm_ImageManagementService_GetVirtualHardDiskSettingData_In,
  Msvm_ImageManagementService_GetVirtualHardDiskSettingData_Out,
  Msvm_ImageManagementService_GetVirtualHardDiskState_In,
  Msvm_ImageManagementService_GetVirtualHardDiskState_Out,
} from "../../generated/root/virtualization/v2/Msvm_ImageManagementService.js";
import type {
  Msvm_VirtualHardDiskSettingData,
  Msvm_VirtualHardDiskSettingData_Type,
} from "../../generated/root/virtualization/v2/Msvm_VirtualHardDiskSettingData.js";
import { Msvm_ImageManagementServiceProviderBase } from "../../generated/root/virtualization/v2/providers/Msvm_ImageManagementService.js";
import { hostName } from "../inventory.js";

/** Hyper-V's codes for these methods: 0 done, 4096 job started, 32773 invalid parameter, 32779 file not found. */
const ReturnValue = { Completed: 0, JobStarted: 4096, InvalidParameter: 32773, FileNotFound: 32779 } as const;

export const imageManagementService: Msvm_ImageManagementService = {
  CreationClassName: "Msvm_ImageManagementService",
  Name: "vhdsvc",
  SystemCreationClassName: "Msvm_ComputerSystem",
  SystemName: hostName,
  ElementName: "Microsoft Hyper-V Image Management Service",
  EnabledState: 2,
  HealthState: 5,
  Started: true,
};

/** Virtual hard disk files, by path, with the settings GetVirtualHardDiskSettingData reports. */
function disk(path: string, type: Msvm_VirtualHardDiskSettingData_Type, size: bigint): Msvm_VirtualHardDiskSettingData {
  return {
    InstanceID: `Microsoft:${path}`,
    ElementName: path.split("\\").at(-1) ?? path,
    Type: type,
    Format: 3,
    Path: path,
    MaxInternalSize: size,
    BlockSize: 33_554_432,
    LogicalSectorSize: 512,
    PhysicalSectorSize: 4096,
  };
}

/**
 * Three of the service's 24 methods: GetVirtualHardDiskSettingData and GetVirtualHardDiskState answer at once with
 * an embedded instance; CreateVirtualHardDisk takes one (the new disk's settings) and finishes as a job.
 */
export class ImageManagementProvider extends Msvm_ImageManagementServiceProviderBase {
  readonly disks = new Map<string, Msvm_VirtualHardDiskSettingData>(
    [
      disk("C:\\Hyper-V\\Disks\\web-01.vhdx", 3, 137_438_953_472n),
      disk("C:\\Hyper-V\\Disks\\db-01.vhdx", 2, 549_755_813_888n),
    ].map((d) => [String(d.Path).toLowerCase(), d]),
  );

  constructor(
    readonly jobs: JobStore,
    readonly delayMs: number,
  ) {
    super();
  }

  override async enumerateInstances(): Promise<readonly Msvm_ImageManagementService[]> {
    return [imageManagementService];
  }

  override async getInstance(path: ObjectPath): Promise<Msvm_ImageManagementService | undefined> {
    return getKey(path, "Name") === imageManagementService.Name ? imageManagementService : undefined;
  }

  override async GetVirtualHardDiskSettingData(
    input: Msvm_ImageManagementService_GetVirtualHardDiskSettingData_In,
  ): Promise<Msvm_ImageManagementService_GetVirtualHardDiskSettingData_Out> {
    const found = this.disks.get(String(input.Path ?? "").toLowerCase());
    if (found === undefined) return { ReturnValue: ReturnValue.FileNotFound };
    return { ReturnValue: ReturnValue.Completed, SettingData: embedded("Msvm_VirtualHardDiskSettingData", found) };
  }

  override async GetVirtualHardDiskState(
    input: Msvm_ImageManagementService_GetVirtualHardDiskState_In,
  ): Promise<Msvm_ImageManagementService_GetVirtualHardDiskState_Out> {
    const found = this.disks.get(String(input.Path ?? "").toLowerCase());
    if (found === undefined) return { ReturnValue: ReturnValue.FileNotFound };
    const size = BigInt(found.MaxInternalSize ?? 0n);
    const state = {
      FileSize: found.Type === 3 ? size : size / 64n,
      InUse: true,
      MinInternalSize: 3_145_728n,
      PhysicalSectorSize: 4096,
      Alignment: 1,
      FragmentationPercentage: 0,
      Timestamp: fromDate(new Date("2024-06-12T07:15:42Z")),
    };
    return { ReturnValue: ReturnValue.Completed, State: embedded("Msvm_VirtualHardDiskState", state) };
  }

  override async CreateVirtualHardDisk(
    input: Msvm_ImageManagementService_CreateVirtualHardDisk_In,
  ): Promise<Msvm_ImageManagementService_CreateVirtualHardDisk_Out> {
    const settings = input.VirtualDiskSettingData;
    if (settings === undefined || settings === null || typeof settings === "string")
      return { ReturnValue: ReturnValue.InvalidParameter };
    const path = settings.Path;
    if (typeof path !== "string" || path === "" || this.disks.has(path.toLowerCase()))
      return { ReturnValue: ReturnValue.InvalidParameter };
    const created = disk(path, settings.Type ?? 3, BigInt(settings.MaxInternalSize ?? 0n));
    const Job = this.jobs.start(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, this.delayMs));
        this.disks.set(path.toLowerCase(), created);
      },
      { name: `Creating ${created.ElementName}` },
    );
    return { ReturnValue: ReturnValue.JobStarted, Job };
  }
}
