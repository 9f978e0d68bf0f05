import { CimXmlError } from "../../codecs/cimxml/errors.js";
import { decodePath } from "../../codecs/cimxml/path.js";
import { decodeElementValue, encodeElement } from "../../codecs/cimxml/value.js";
import { CimError, CimStatus } from "../../values/cim-error.js";
import { sameName } from "../../values/cim-name.js";
import { describeValue } from "../../values/cim-value.js";
import type { ObjectPath } from "../../values/reference.js";
import type { ElementSchema, MethodSchema } from "../../values/schema.js";
import type { XmlElement } from "../../xml/tree.js";
import type { ServedNamespace } from "../namespace.js";
import type { Body } from "./response.js";

/**
 * Extrinsic methods (DSP0200 §5.3.3): METHODCALL on a LOCALINSTANCEPATH (an instance method) or LOCALCLASSPATH (a
 * static one). PARAMVALUEs are read against the method's parameters, so a value sent with the wrong type is an
 * error, and a REF must name a class of the parameter's class family: a `CIM_ComputerSystem REF` given a
 * `CIM_ConcreteJob` path is CIM_ERR_INVALID_PARAMETER (the host checks the path's form; the family needs the
 * namespace's whole class tree).
 */
export async function invokeMethod(
  ns: ServedNamespace,
  call: XmlElement,
  target: XmlElement,
  signal: AbortSignal,
): Promise<Body> {
  const methodName = call.attributes.NAME ?? "";
  const path = decodePath(target);
  if (path.namespace !== undefined && !ns.is(path.namespace))
    throw new CimError(CimStatus.CIM_ERR_INVALID_NAMESPACE, `namespace ${path.namespace} is not served here`);
  const schema = ns.requireClass(path.className);
  const method = schema.methods.find((m) => sameName(m.name, methodName));
  if (method === undefined)
    throw new CimError(CimStatus.CIM_ERR_METHOD_NOT_FOUND, `${schema.name} has no method ${methodName}`);
  const where = `${schema.name}.${method.name}`;
  const input = readParameters(ns, method, call, where);
  const isClass = target.name === "LOCALCLASSPATH";
  const instance: ObjectPath | undefined = isClass ? undefined : { ...path, namespace: ns.name };
  const output = (await ns.host.invokeMethod(schema.name, method.name, input, instance, { signal })) as Record<
    string,
    unknown
  >;
  return writeOutput(ns, method, output);
}

function readParameters(
  ns: ServedNamespace,
  method: MethodSchema,
  call: XmlElement,
  where: string,
): Record<string, unknown> {
  const invalid = (reason: string) => new CimError(CimStatus.CIM_ERR_INVALID_PARAMETER, `${where}: ${reason}`);
  const input: Record<string, unknown> = {};
  for (const param of call.children) {
    if (param.name !== "PARAMVALUE") continue;
    const name = param.attributes.NAME ?? "";
    const parameter = method.parameters.find((p) => sameName(p.name, name));
    // Unknown names and Out parameters are left to the host, which names them in its message.
    let value: unknown;
    try {
      value = decodeElementValue(param, ns.lookup, parameter?.in === true ? parameter : undefined);
    } catch (error) {
      if (error instanceof CimXmlError) throw invalid(`parameter ${name}: ${error.message}`);
      throw error;
    }
    if (parameter?.type === "reference") checkFamily(ns, parameter, value, invalid);
    Object.defineProperty(input, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return input;
}

/** A REF parameter's value must name its reference class or a subclass of it. */
function checkFamily(ns: ServedNamespace, parameter: ElementSchema, value: unknown, invalid: (r: string) => CimError) {
  const family = parameter.referenceClass;
  if (family === undefined || value === null) return;
  for (const path of (Array.isArray(value) ? value : [value]) as ObjectPath[]) {
    if (path === null) continue;
    if (path.namespace !== undefined && !ns.is(path.namespace)) continue; // another namespace's tree is not ours to judge
    if (!ns.isA(path.className, family))
      throw invalid(
        `parameter ${parameter.name}: ${describeValue(path.className)} is not a ${family} (a REF to ${family} names ${family} or a subclass)`,
      );
  }
}

function writeOutput(ns: ServedNamespace, method: MethodSchema, output: Record<string, unknown>): Body {
  return (w) => {
    for (const [name, value] of Object.entries(output)) {
      if (!sameName(name, "ReturnValue") || method.returnType === undefined) continue;
      const element: ElementSchema = {
        name: "ReturnValue",
        type: method.returnType,
        ...(method.returnValueMap !== undefined && { valueMap: method.returnValueMap }),
      };
      encodeElement(w, "RETURNVALUE", undefined, element, value, ns.lookup);
    }
    for (const [name, value] of Object.entries(output)) {
      const parameter = method.parameters.find((p) => sameName(p.name, name));
      if (parameter === undefined || value === undefined) continue;
      encodeElement(w, "PARAMVALUE", parameter.name, parameter, value, ns.lookup);
    }
  };
}

/** The target of a METHODCALL: its LOCALINSTANCEPATH or LOCALCLASSPATH. */
export function methodTarget(call: XmlElement): XmlElement | undefined {
  return call.children.find((c) => c.name === "LOCALINSTANCEPATH" || c.name === "LOCALCLASSPATH");
}
