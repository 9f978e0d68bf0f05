import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CimTypeName, ClassSchema, ElementSchema } from "../../runtime/src/values/schema.js";
import type { ClassModel, DataType, PropertyModel } from "../../src/model/types.js";
import { compileText } from "./model.js";

/**
 * Run-time `ClassSchema`s of MOF test fixtures, made from the compiler's model the way the generator's
 * `class-schema.ts` does, but as data and flat (every effective property listed, no superclass link): what a
 * protocol test needs to type the values it decodes, without generating and importing TypeScript.
 */
export function schemasFromMof(text: string, namespace = "root/cimv2"): ClassSchema[] {
  const compiled = compileText(text);
  const errors = compiled.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`fixture MOF has errors: ${errors.map((e) => e.message).join("; ")}`);
  const ns = compiled.schema.namespaces.find((n) => n.name === namespace) ?? compiled.schema.namespaces[0];
  return (ns?.classes ?? []).map((c) => classSchema(c, ns?.name ?? namespace));
}

/** Every `.mof` of a folder, compiled together. */
export function schemasFromFolder(dir: string): ClassSchema[] {
  const text = readdirSync(dir)
    .filter((f) => f.endsWith(".mof"))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8"))
    .join("\n");
  return schemasFromMof(text);
}

function classSchema(c: ClassModel, namespace: string): ClassSchema {
  return {
    name: c.name,
    namespace,
    ...(c.superclass !== undefined && { superclass: c.superclass }),
    properties: c.properties.map((p) => ({
      ...element(p),
      classOrigin: p.classOrigin,
      ...(p.key && { key: true as const }),
    })),
    methods: c.methods.map((m) => ({
      name: m.name,
      classOrigin: m.classOrigin,
      ...(m.returnType.kind !== "void" && { returnType: typeName(m.returnType) }),
      parameters: m.parameters.map((p) => ({ ...element(p), in: p.in, out: p.out })),
    })),
  };
}

function element(e: Pick<PropertyModel, "name" | "type" | "array" | "embeddedClass">): ElementSchema {
  return {
    name: e.name,
    type: typeName(e.type),
    ...(e.array !== undefined && { array: true as const }),
    ...(e.type.kind === "reference" && e.type.className !== undefined && { referenceClass: e.type.className }),
    ...(e.embeddedClass !== undefined && { embeddedClass: e.embeddedClass }),
  };
}

function typeName(t: DataType): CimTypeName {
  switch (t.kind) {
    case "intrinsic":
      return t.name as CimTypeName;
    case "reference":
      return "reference";
    case "object":
      return "object";
    case "instance":
      return "string";
    case "void":
      throw new Error("void is no element type");
  }
}
