import {
  type AssociatorsOptions,
  CimError,
  type ClassSchema,
  type MethodContext,
  type ObjectPath,
  type OperationContext,
  type Provider,
  type ReferencesOptions,
  type ValueMap,
} from "../../runtime/src/index.js";

/**
 * Hand-written ClassSchema objects (the shape the generator emits) and a recording provider, for the ProviderHost
 * tests. The snapshot service mirrors Msvm_VirtualSystemSnapshotService.CreateSnapshot, with a closed SnapshotType
 * map so that the closed-map rule has something to reject.
 */

export const namespace = "root/virtualization/v2";

export const returnValueMap: ValueMap = [
  { label: "Completed with No Error", value: "0", lo: 0, hi: 0 },
  { label: "Not Supported", value: "1", lo: 1, hi: 1 },
  { label: "Failed", value: "2", lo: 2, hi: 2 },
  { label: "DMTF Reserved", value: "..", rest: true },
  { label: "Method Parameters Checked - Job Started", value: "4096", lo: 4096, hi: 4096 },
  { label: "Method Reserved", value: "4097..32767", lo: 4097, hi: 32767 },
  { label: "Vendor Specific", value: "32768..65535", lo: 32768, hi: 65535 },
];

export const snapshotTypeMap: ValueMap = [
  { label: "Full Snapshot", value: "2", lo: 2, hi: 2 },
  { label: "Disk Snapshot", value: "3", lo: 3, hi: 3 },
  { label: "Recovery", value: "32768", lo: 32768, hi: 32768 },
];

export const serviceSchema: ClassSchema = {
  name: "Msvm_VirtualSystemSnapshotService",
  namespace,
  superclass: "CIM_VirtualSystemSnapshotService",
  properties: [
    { name: "CreationClassName", type: "string", key: true, classOrigin: "CIM_Service" },
    { name: "Name", type: "string", key: true, classOrigin: "CIM_ManagedSystemElement" },
    { name: "Started", type: "boolean", classOrigin: "CIM_Service" },
    {
      name: "EnabledState",
      type: "uint16",
      classOrigin: "CIM_EnabledLogicalElement",
      valueMap: [
        { label: "Enabled", value: "2", lo: 2, hi: 2 },
        { label: "DMTF Reserved", value: "..", rest: true },
      ],
    },
    { name: "ElementName", type: "string", required: true, classOrigin: "CIM_ManagedElement" },
  ],
  methods: [
    {
      name: "CreateSnapshot",
      returnType: "uint32",
      returnValueMap,
      classOrigin: "CIM_VirtualSystemSnapshotService",
      parameters: [
        {
          name: "AffectedSystem",
          type: "reference",
          referenceClass: "CIM_ComputerSystem",
          in: true,
          out: false,
          required: true,
        },
        { name: "SnapshotSettings", type: "string", embeddedClass: "CIM_SettingData", in: true, out: false },
        { name: "SnapshotType", type: "uint16", valueMap: snapshotTypeMap, in: true, out: false },
        {
          name: "ResultingSnapshot",
          type: "reference",
          referenceClass: "CIM_VirtualSystemSettingData",
          in: true,
          out: true,
        },
        { name: "Job", type: "reference", referenceClass: "CIM_ConcreteJob", in: false, out: true },
      ],
    },
    {
      name: "Probe",
      static: true,
      returnType: "uint32",
      returnValueMap: [
        { label: "OK", value: "0", lo: 0, hi: 0 },
        { label: "Not Supported", value: "1", lo: 1, hi: 1 },
      ],
      classOrigin: "Msvm_VirtualSystemSnapshotService",
      parameters: [{ name: "Level", type: "uint8", in: true, out: true }],
    },
    { name: "Reset", classOrigin: "Msvm_VirtualSystemSnapshotService", parameters: [] },
  ],
};

/** An association between a system and its snapshots. */
export const assocSchema: ClassSchema = {
  name: "Msvm_SnapshotOfVirtualSystem",
  namespace,
  association: true,
  properties: [
    { name: "Antecedent", type: "reference", referenceClass: "CIM_ComputerSystem", key: true, classOrigin: "X" },
    {
      name: "Dependent",
      type: "reference",
      referenceClass: "CIM_VirtualSystemSettingData",
      key: true,
      classOrigin: "X",
    },
  ],
  methods: [],
};

export const servicePath: ObjectPath = {
  className: "Msvm_VirtualSystemSnapshotService",
  keys: { CreationClassName: "Msvm_VirtualSystemSnapshotService", Name: "vssnapsvc" },
};

export const systemPath: ObjectPath = { className: "Msvm_ComputerSystem", keys: { Name: "VM-1" } };

export const serviceInstance = {
  CreationClassName: "Msvm_VirtualSystemSnapshotService",
  Name: "vssnapsvc",
  ElementName: "Snapshot service",
  Started: true,
};

/** Records every call and answers with whatever the test put in `result`, `instances` or `error`. */
export class RecordingProvider implements Provider {
  readonly calls: { operation: string; args: unknown[]; context: OperationContext }[] = [];
  result: unknown = { ReturnValue: 0 };
  instances: unknown = [serviceInstance];
  error: unknown;

  constructor(readonly schema: ClassSchema) {}

  #answer<T>(operation: string, context: OperationContext, args: unknown[], value: unknown): Promise<T> {
    this.calls.push({ operation, args, context });
    return this.error === undefined ? Promise.resolve(value as T) : Promise.reject(this.error);
  }

  enumerateInstances(context: OperationContext): Promise<readonly object[]> {
    return this.#answer("enumerateInstances", context, [], this.instances);
  }
  getInstance(path: ObjectPath, context: OperationContext): Promise<object | undefined> {
    return this.#answer("getInstance", context, [path], (this.instances as unknown[])[0]);
  }
  createInstance(instance: object, context: OperationContext): Promise<ObjectPath> {
    return this.#answer("createInstance", context, [instance], this.result);
  }
  modifyInstance(instance: object, list: readonly string[] | undefined, context: OperationContext): Promise<void> {
    return this.#answer("modifyInstance", context, [instance, list], undefined);
  }
  deleteInstance(path: ObjectPath, context: OperationContext): Promise<void> {
    return this.#answer("deleteInstance", context, [path], undefined);
  }
  associators(source: ObjectPath, options: AssociatorsOptions, context: OperationContext): Promise<readonly object[]> {
    return this.#answer("associators", context, [source, options], this.instances);
  }
  references(source: ObjectPath, options: ReferencesOptions, context: OperationContext): Promise<readonly object[]> {
    return this.#answer("references", context, [source, options], this.instances);
  }
  invokeMethod(input: object, context: MethodContext): Promise<object> {
    return this.#answer("invokeMethod", context, [input], this.result);
  }

  get last() {
    const call = this.calls.at(-1);
    if (call === undefined) throw new Error("the provider was not called");
    return call;
  }
}

/** What a rejected operation failed with: the DSP0200 name and the message after it. */
export async function failure(operation: Promise<unknown>): Promise<{ status: string; detail: string }> {
  try {
    await operation;
  } catch (error) {
    if (error instanceof CimError) return { status: error.statusName, detail: error.detail };
    throw error;
  }
  throw new Error("the operation did not fail");
}
