import { readMethodInput, WsmanError, writeMethodOutput } from "../../codecs/wsman/index.js";
import { CimError, CimStatus } from "../../values/cim-error.js";
import { sameName } from "../../values/cim-name.js";
import type { ObjectPath } from "../../values/reference.js";
import { instancePath } from "../instances.js";
import type { WsAnswer, WsRequest } from "./context.js";
import { faults } from "./faults.js";
import { instanceOf, requireClass } from "./target.js";

/**
 * Invoke of an extrinsic method (DSP0227 §9.3): the action is the resource URI, `/`, the method name; the body
 * `<Method>_INPUT` holds the in-parameters, read against the method's schema; the provider's answer goes back as
 * `<Method>_OUTPUT`, out-parameters then ReturnValue. With selectors the method runs on that instance, without them
 * it is a static (class) call.
 */
export async function invoke(request: WsRequest, method: string): Promise<WsAnswer> {
  const { ns, signal, target, envelope } = request;
  const schema = requireClass(target);
  const methodSchema = schema.methods.find((m) => sameName(m.name, method));
  if (methodSchema === undefined) throw faults.actionNotSupported(envelope.headers.action);
  const body = envelope.body;
  if (body === undefined) throw faults.schemaValidation(`Invoke of ${method} needs a ${method}_INPUT body`);
  let input: Record<string, unknown>;
  try {
    input = readMethodInput(body, schema.name, methodSchema.name, request.values);
  } catch (error) {
    if (error instanceof WsmanError)
      throw faults.invalidParameter(`${schema.name}.${methodSchema.name}: ${error.message}`);
    throw error;
  }
  const instance: ObjectPath | undefined =
    target.selectors.length === 0
      ? undefined
      : instancePath(ns, instanceOf(ns, schema, target.selectors), methodSchema.name);
  if (instance === undefined && !ns.isProvided(schema.name))
    throw new CimError(CimStatus.CIM_ERR_NOT_FOUND, `${schema.name} has no provider here`);
  const output = (await ns.host.invokeMethod(schema.name, methodSchema.name, input, instance, { signal })) as Record<
    string,
    unknown
  >;
  return {
    action: `${envelope.headers.action}Response`,
    body: (w) =>
      writeMethodOutput(
        w,
        { resourceUri: target.resourceUri, className: schema.name, method: methodSchema.name, out: output },
        request.values,
      ),
  };
}
