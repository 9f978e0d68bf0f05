import { isTrue } from "../../model/qualifiers.js";
import { type ClassModel, fold, type MethodModel, type ParameterModel } from "../../model/types.js";
import { describeType } from "../../model/values.js";
import { elementNotes } from "./class-interface.js";
import { jobParameter, type NamespaceContext, orderedParameters } from "./context.js";
import type { FunctionDeclaration, InterfaceDeclaration, PropertySignature } from "./declarations.js";
import { docs } from "./jsdoc.js";
import type { ModuleScope } from "./module-scope.js";
import { methodInputSymbol, methodOutputSymbol } from "./symbols.js";
import { elementType, returnType } from "./type-map.js";
import { memberKey, typeText } from "./type-text.js";

/**
 * The types of a method the class declares (inherited methods are in the declaring class's module): `C_M_In` with
 * the In and In/Out parameters, `C_M_Out` with `ReturnValue` and the Out and In/Out parameters, both in ID order;
 * `Required` parameters are required, the others optional and nullable. A method that can start a job (4096 in its
 * return map, an Out `Job` REF) also gets a type guard for that case.
 */
export function methodDeclarations(
  cls: ClassModel,
  m: MethodModel,
  ctx: NamespaceContext,
  scope: ModuleScope,
): (InterfaceDeclaration | FunctionDeclaration)[] {
  const parameters = orderedParameters(m);
  const call = `${cls.name}.${m.name}()`;
  const staticNote = m.static ? [`Static method: invoked on the class ${cls.name}, not on an instance.`] : [];
  const origin = m.classOrigin === cls.name ? "" : ` (overrides the method of ${m.classOrigin})`;
  const input: InterfaceDeclaration = {
    kind: "interface",
    name: methodInputSymbol(cls, m),
    docs: docs({
      qualifiers: m.qualifiers,
      notes: [`Input parameters of ${call}${origin}: In and In/Out, in ID order.`, ...staticNote],
      tags: m.static ? [{ tagName: "static" }] : [],
    }),
    properties: parameters.filter((p) => p.in).map((p) => parameterSignature(p, ctx, scope, true)),
  };
  const returnValue: PropertySignature[] =
    m.returnType.kind === "void"
      ? []
      : [
          {
            name: "ReturnValue",
            isReadonly: true,
            type: typeText(returnType(m, ctx.findClass), scope),
            docs: docs({ notes: [`The ${describeType(m.returnType)} return value of ${call}.`] }),
          },
        ];
  const output: InterfaceDeclaration = {
    kind: "interface",
    name: methodOutputSymbol(cls, m),
    docs: docs({
      notes: [
        `Output of ${call}${origin}: ReturnValue, then the Out and In/Out parameters, in ID order.`,
        ...staticNote,
      ],
    }),
    // A parameter called ReturnValue would collide with the method's own ReturnValue member; CIM reserves the name.
    properties: [
      ...returnValue,
      ...parameters
        .filter((p) => p.out && !(returnValue.length > 0 && fold(p.name) === "returnvalue"))
        .map((p) => parameterSignature(p, ctx, scope, false)),
    ],
  };
  const guard = jobGuard(cls, m, ctx, scope);
  return guard === undefined ? [input, output] : [input, output, guard];
}

/** `input`: the parameter as the `_In` type has it, where an embedded instance is a `NewInstance` (no keys yet). */
function parameterSignature(
  p: ParameterModel,
  ctx: NamespaceContext,
  scope: ModuleScope,
  input: boolean,
): PropertySignature {
  const t = elementType(p, ctx.findClass);
  const text = typeText(t, scope, input);
  const required = isTrue(p.qualifiers, "required");
  const direction = p.in && p.out ? "In/Out" : p.in ? "In" : "Out";
  return {
    name: memberKey(p.name),
    isReadonly: true,
    hasQuestionToken: !required,
    type: required ? text : `${text} | null`,
    docs: docs({
      qualifiers: p.qualifiers,
      notes: [
        ...elementNotes(p, t),
        `MOF: [${direction}${required ? ", Required" : ""}] \`${describeType(p.type, p.array !== undefined)} ${p.name}\`.`,
      ],
    }),
  };
}

/**
 * `isC_M_JobStarted(out)`: narrows an output to the job-started case, where ReturnValue is 4096 and the Out `Job`
 * reference is set; built on the runtime's `isJobStarted`, whose `waitForJob` then follows the job.
 */
function jobGuard(
  cls: ClassModel,
  m: MethodModel,
  ctx: NamespaceContext,
  scope: ModuleScope,
): FunctionDeclaration | undefined {
  const name = ctx.jobGuards.get(m);
  const job = jobParameter(m);
  if (name === undefined || job === undefined) return undefined;
  const output = methodOutputSymbol(cls, m);
  const returnBase = returnType(m, ctx.findClass).base;
  if (returnBase !== "number" && returnBase !== "bigint") return undefined;
  const started = returnBase === "bigint" ? "4096n" : "4096";
  const jobType = typeText(elementType(job, ctx.findClass), scope);
  const isJobStarted = scope.runtime("isJobStarted", false);
  return {
    kind: "function",
    name,
    docs: docs({
      notes: [
        `Whether ${cls.name}.${m.name}() started a job: ReturnValue 4096 (Method Parameters Checked - Job Started) with its Out ${job.name} reference set. Follow the job with the runtime's waitForJob.`,
      ],
    }),
    parameters: [{ name: "out", type: output }],
    returnType: `out is ${output} & { readonly ReturnValue: ${started}; readonly ${job.name}: ${jobType} }`,
    statements: [
      `return ${isJobStarted}(out.ReturnValue) && out.${job.name} !== undefined && out.${job.name} !== null;`,
    ],
  };
}
