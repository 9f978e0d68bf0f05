import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import type { OperationContext, Provider } from "../../../runtime/src/host/provider.js";
import { ProviderHost } from "../../../runtime/src/host/provider-host.js";
import { CimError, CimStatus } from "../../../runtime/src/values/cim-error.js";
import { foldName, sameName } from "../../../runtime/src/values/cim-name.js";
import type { ObjectPath } from "../../../runtime/src/values/reference.js";
import type { CimTypeName, ClassSchema, PropertySchema } from "../../../runtime/src/values/schema.js";
import type { CimValue, ClassModel } from "../../../src/model/types.js";
import { compileText, namespaceOf } from "../../helpers/model.js";

/**
 * OpenPegasus' WS-Management test classes (`Load/WsmTest.mof`) compiled by mofgen and served by simple providers
 * holding the MOF's instances, in the namespace the recorded requests name (`test/WsmTest`); and a raw HTTP/1.1
 * exchange over a socket, so the recorded requests' own HTTP headers (a missing Host, an odd Content-Type) are sent
 * as they are.
 */
export const wsmNamespace = "test/WsmTest";

export function wsmTestHost(mofPath: string) {
  const compiled = compileText(readFileSync(mofPath, "utf8"), { dialect: "dmtf" });
  const model = namespaceOf(compiled, "root/cimv2");
  const schemas = model.classes.map(schemaOf);
  const stores = new Map<string, Map<string, Record<string, unknown>>>();
  const aliases = new Map<string, ObjectPath>();
  for (const schema of schemas) stores.set(foldName(schema.name), new Map());
  for (const instance of model.instances) {
    const schema = schemas.find((s) => sameName(s.name, instance.className)) as ClassSchema;
    const properties: Record<string, unknown> = {};
    for (const p of instance.properties) properties[p.name] = mofValue(p.value, aliases);
    const path = pathOf(schema, properties);
    if (instance.alias !== undefined) aliases.set(instance.alias.replace(/^\$/, ""), path);
    stores.get(foldName(schema.name))?.set(keyOf(path), properties);
  }
  const host = new ProviderHost();
  for (const schema of schemas) host.register(provider(schema, stores.get(foldName(schema.name)) ?? new Map()));
  return { host, schemas };
}

function schemaOf(cls: ClassModel): ClassSchema {
  const properties: PropertySchema[] = cls.properties.map((p) => ({
    name: p.name,
    type: typeName(p.type),
    classOrigin: p.classOrigin,
    ...(p.key && { key: true as const }),
    ...(p.array !== undefined && { array: true as const }),
    ...(p.type.kind === "reference" && p.type.className !== undefined && { referenceClass: p.type.className }),
  }));
  return {
    name: cls.name,
    namespace: wsmNamespace,
    ...(cls.superclass !== undefined && { superclass: cls.superclass }),
    ...(cls.association && { association: true as const }),
    properties,
    methods: [],
  };
}

function typeName(type: ClassModel["properties"][number]["type"]): CimTypeName {
  switch (type.kind) {
    case "intrinsic":
      return type.name as CimTypeName;
    case "reference":
      return "reference";
    default:
      return "string";
  }
}

function mofValue(value: CimValue, aliases: ReadonlyMap<string, ObjectPath>): unknown {
  switch (value.kind) {
    case "reference":
      return aliases.get((value.alias ?? "").replace(/^\$/, "")) ?? null;
    case "string":
    case "boolean":
    case "char16":
    case "datetime":
      return value.value;
    case "integer":
      return Number(value.value);
    case "real":
      return value.value;
    default:
      return null;
  }
}

function pathOf(schema: ClassSchema, properties: Record<string, unknown>): ObjectPath {
  const keys: Record<string, string> = {};
  for (const p of schema.properties)
    if (p.key === true) {
      const v = properties[p.name];
      keys[p.name] = typeof v === "object" && v !== null ? keyOf(v as ObjectPath) : String(v);
    }
  return { className: schema.name, namespace: wsmNamespace, keys };
}

function keyOf(path: ObjectPath): string {
  return JSON.stringify(
    Object.entries(path.keys)
      .map(([k, v]) => [foldName(k), String(v)])
      .sort(),
  );
}

/** A provider over a map of instances; an association's `references` matches either end by its keys. */
function provider(schema: ClassSchema, store: Map<string, Record<string, unknown>>): Provider {
  const find = (path: ObjectPath) => store.get(keyOf({ ...path, keys: pathKeys(schema, path) }));
  return {
    schema,
    enumerateInstances: async () => [...store.values()],
    getInstance: async (path: ObjectPath) => find(path),
    createInstance: async (instance: object) => {
      const properties = { ...(instance as Record<string, unknown>) };
      const path = pathOf(schema, properties);
      store.set(keyOf(path), properties);
      return path;
    },
    modifyInstance: async (instance: object) => {
      const properties = instance as Record<string, unknown>;
      const key = keyOf(pathOf(schema, properties));
      const old = store.get(key);
      if (old === undefined) throw new CimError(CimStatus.CIM_ERR_NOT_FOUND, `no ${schema.name} ${key}`);
      store.set(key, { ...old, ...properties });
    },
    deleteInstance: async (path: ObjectPath) => {
      if (!store.delete(keyOf({ ...path, keys: pathKeys(schema, path) })))
        throw new CimError(CimStatus.CIM_ERR_NOT_FOUND, `no such ${schema.name}`);
    },
    references: async (source: ObjectPath, options: { role?: string }, _context: OperationContext) =>
      [...store.values()].filter((instance) =>
        schema.properties.some(
          (p) =>
            p.type === "reference" &&
            (options.role === undefined || sameName(p.name, options.role)) &&
            keyOf(instance[p.name] as ObjectPath) === keyOf(source),
        ),
      ),
    invokeMethod: async () => ({}),
  } as unknown as Provider;
}

function pathKeys(schema: ClassSchema, path: ObjectPath): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const p of schema.properties)
    if (p.key === true) {
      const v = Object.entries(path.keys).find(([k]) => sameName(k, p.name))?.[1];
      keys[p.name] = String(v);
    }
  return keys;
}

export interface RawReply {
  readonly status: number;
  readonly body: string;
}

/** One request over its own connection: the request line and headers given (or a plain POST /wsman), the body. */
export function exchange(port: number, head: string[] | undefined, body: string): Promise<RawReply> {
  const length = Buffer.byteLength(body, "utf8");
  const lines = (
    head ?? ["POST /wsman HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/soap+xml;charset=UTF-8"]
  ).filter((l) => !/^(content-length|connection):/i.test(l));
  const request = `${[...lines, `Content-Length: ${length}`, "Connection: close"].join("\r\n")}\r\n\r\n${body}`;
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: split < 0 ? "" : text.slice(split + 4) });
    });
    socket.end(request);
  });
}

export const readCase = (dir: string, name: string) => readFileSync(join(dir, name), "utf8");
