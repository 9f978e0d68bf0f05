import type { MethodSchema, ParameterSchema, PropertySchema } from "../../../runtime/src/values/schema.js";

/**
 * Msvm_ComputerSystem's members as the Hyper-V MOF declares them (type, key, class origin), for the hand-made
 * schemas of the WS-Man client and codec tests: each test picks the members it needs and adds its own, and the
 * shared ones cannot drift apart.
 */
export const ns = "root/virtualization/v2";

export const vmProperties = {
  CreationClassName: { name: "CreationClassName", type: "string", key: true, classOrigin: "CIM_System" },
  Name: { name: "Name", type: "string", key: true, classOrigin: "CIM_System" },
  ElementName: { name: "ElementName", type: "string", classOrigin: "CIM_ManagedElement" },
  EnabledState: { name: "EnabledState", type: "uint16", classOrigin: "CIM_EnabledLogicalElement" },
  OnTimeInMilliseconds: { name: "OnTimeInMilliseconds", type: "uint64", classOrigin: "Msvm_ComputerSystem" },
} as const satisfies Record<string, PropertySchema>;

export const requestStateChangeParameters = {
  RequestedState: { name: "RequestedState", type: "uint16", in: true, out: false },
  TimeoutPeriod: { name: "TimeoutPeriod", type: "datetime", in: true, out: false },
  Job: { name: "Job", type: "reference", referenceClass: "CIM_ConcreteJob", in: false, out: true },
} as const satisfies Record<string, ParameterSchema>;

/** CIM_EnabledLogicalElement.RequestStateChange with the given parameters, in their order. */
export function requestStateChange(parameters: readonly ParameterSchema[]): MethodSchema {
  return { name: "RequestStateChange", returnType: "uint32", classOrigin: "CIM_EnabledLogicalElement", parameters };
}
