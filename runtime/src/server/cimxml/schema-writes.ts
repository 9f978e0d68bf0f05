import { CimError, CimStatus } from "../../values/cim-error.js";
import type { Operation } from "./operation.js";

/**
 * The schema operations this server cannot honour, each CIM_ERR_NOT_SUPPORTED with the reason, rather than the
 * generic "not an operation": its classes are compiled from MOF into the generated schemas (change the MOF and
 * regenerate), and the generated schemas carry no qualifier declarations, only the facts a client needs per element
 * (keys, value maps, directions), which GetClass sends as qualifiers.
 */
const compiled = (operation: string, params: readonly string[]): Operation => ({
  params,
  async run() {
    throw new CimError(
      CimStatus.CIM_ERR_NOT_SUPPORTED,
      `${operation}: the classes are compiled into this server from MOF and cannot be changed at run time`,
    );
  },
});

const noDeclarations = (operation: string, params: readonly string[]): Operation => ({
  params,
  async run() {
    throw new CimError(
      CimStatus.CIM_ERR_NOT_SUPPORTED,
      `${operation}: this server's generated schemas carry no qualifier declarations, and they cannot be changed`,
    );
  },
});

export const schemaWrites = {
  CreateClass: compiled("CreateClass", ["NewClass"]),
  ModifyClass: compiled("ModifyClass", ["ModifiedClass"]),
  DeleteClass: compiled("DeleteClass", ["ClassName"]),
  GetQualifier: noDeclarations("GetQualifier", ["QualifierName"]),
  SetQualifier: noDeclarations("SetQualifier", ["QualifierDeclaration"]),
  DeleteQualifier: noDeclarations("DeleteQualifier", ["QualifierName"]),
  EnumerateQualifiers: noDeclarations("EnumerateQualifiers", []),
};
