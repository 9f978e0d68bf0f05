import { expect } from "vitest";
import type { MethodContext, Provider } from "../../../runtime/src/host/provider.js";
import { CimError, CimStatus } from "../../../runtime/src/values/cim-error.js";
import type { ObjectPath } from "../../../runtime/src/values/reference.js";
import type { ClassSchema } from "../../../runtime/src/values/schema.js";

/**
 * A writable provider for the server tests of what the example's providers do not implement (Create, Modify,
 * Delete, a static method), over CIM-XML (instance-writes.test.ts) and WS-Management (wsman-writes.test.ts).
 * Test files in one worker share this module (vitest.config.ts, isolate: false): each clears `widgets` first.
 */
export const namespace = "root/test";
export const schema: ClassSchema = {
  name: "Test_Widget",
  namespace,
  properties: [
    { name: "Id", type: "string", key: true, classOrigin: "Test_Widget" },
    { name: "Size", type: "uint32", classOrigin: "Test_Widget" },
    { name: "Label", type: "string", classOrigin: "Test_Widget" },
  ],
  methods: [
    {
      name: "Count",
      static: true,
      returnType: "uint32",
      parameters: [{ name: "MinSize", type: "uint32", in: true, out: false }],
      classOrigin: "Test_Widget",
    },
  ],
};

export const widgets = new Map<string, Record<string, unknown>>();
export const pathOf = (id: string): ObjectPath => ({ className: "Test_Widget", namespace, keys: { Id: id } });
export const provider: Provider = {
  schema,
  enumerateInstances: async () => [...widgets.values()],
  // "slow" takes 2 s, or until the server gives up on it (its signal): for the time limits.
  getInstance: async (path, context) => {
    if (path.keys.Id === "slow")
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 2000);
        context.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
    return widgets.get(String(path.keys.Id));
  },
  createInstance: async (instance) => {
    const id = String((instance as { Id?: unknown }).Id);
    if (widgets.has(id)) throw new CimError(CimStatus.CIM_ERR_ALREADY_EXISTS, `widget ${id} exists`);
    widgets.set(id, { ...instance });
    return pathOf(id);
  },
  modifyInstance: async (instance, propertyList) => {
    const id = String((instance as { Id?: unknown }).Id);
    const old = widgets.get(id);
    if (old === undefined) throw new CimError(CimStatus.CIM_ERR_NOT_FOUND, `no widget ${id}`);
    const changes = Object.entries(instance).filter(
      ([name]) => propertyList === undefined || propertyList.includes(name),
    );
    widgets.set(id, { ...old, ...Object.fromEntries(changes) });
  },
  deleteInstance: async (path) => {
    if (path.keys.Id === "locked") throw new CimError(CimStatus.CIM_ERR_ACCESS_DENIED, "widget locked is read-only");
    if (!widgets.delete(String(path.keys.Id))) throw new CimError(CimStatus.CIM_ERR_NOT_FOUND, "no such widget");
  },
  invokeMethod: async (input: object, context: MethodContext) => {
    const min = Number((input as { MinSize?: unknown }).MinSize ?? 0);
    expect(context.target).toBeUndefined();
    return { ReturnValue: [...widgets.values()].filter((w) => Number(w.Size) >= min).length };
  },
};
