import { foldName } from "../../values/cim-name.js";
import { AssociatorNames, Associators, ReferenceNames, References } from "./associations.js";
import { EnumerateClasses, EnumerateClassNames, GetClass } from "./classes.js";
import {
  CreateInstance,
  DeleteInstance,
  EnumerateInstanceNames,
  EnumerateInstances,
  GetInstance,
  ModifyInstance,
} from "./instances.js";
import type { Operation } from "./operation.js";
import {
  CloseEnumeration,
  EnumerationCount,
  OpenEnumerateInstancePaths,
  OpenEnumerateInstances,
  PullInstancePaths,
  PullInstances,
  PullInstancesWithPath,
} from "./pull.js";
import {
  OpenAssociatorInstancePaths,
  OpenAssociatorInstances,
  OpenQueryInstances,
  OpenReferenceInstancePaths,
  OpenReferenceInstances,
} from "./pull-associations.js";
import { ExecQuery } from "./query.js";
import { schemaWrites } from "./schema-writes.js";

/** The intrinsic operations this server answers, by case-folded DSP0200 name; any other is CIM_ERR_NOT_SUPPORTED. */
export const intrinsicOperations: ReadonlyMap<string, Operation> = new Map(
  Object.entries({
    GetClass,
    EnumerateClasses,
    EnumerateClassNames,
    GetInstance,
    EnumerateInstances,
    EnumerateInstanceNames,
    CreateInstance,
    ModifyInstance,
    DeleteInstance,
    Associators,
    AssociatorNames,
    References,
    ReferenceNames,
    ExecQuery,
    OpenEnumerateInstances,
    OpenEnumerateInstancePaths,
    PullInstancesWithPath,
    PullInstancePaths,
    CloseEnumeration,
    OpenAssociatorInstances,
    OpenAssociatorInstancePaths,
    OpenReferenceInstances,
    OpenReferenceInstancePaths,
    OpenQueryInstances,
    PullInstances,
    EnumerationCount,
    ...schemaWrites,
  }).map(([name, operation]) => [foldName(name), operation]),
);
