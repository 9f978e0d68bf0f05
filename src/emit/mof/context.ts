import type { Dialect } from "../../dialect/dialect.js";
import { builtinQualifier } from "../../model/builtin-qualifiers.js";
import { defaultFlavors } from "../../model/qualifiers.js";
import type {
  ClassModel,
  Flavors,
  InstanceModel,
  IntrinsicTypeName,
  NamespaceModel,
  SchemaModel,
} from "../../model/types.js";
import { fold } from "../../model/types.js";

/** Target width of printed lines; long strings and value lists wrap to stay near it. */
export const lineWidth = 100;

/** One level of indentation. */
export const indentUnit = "    ";

/** Where a printed construct starts: the indentation of its line and the column it starts at. */
export interface Layout {
  readonly indent: string;
  readonly col: number;
}

/** A layout for a construct that starts a line of its own at `indent`. */
export function lineStart(indent: string): Layout {
  return { indent, col: indent.length };
}

/**
 * What the printer needs of a qualifier's type: its type (undefined when typed by use), which decides whether
 * a bare name reads as true, and its flavors, the base that a qualifier's own flavors are written against.
 */
export interface QualifierTypeInfo {
  readonly type: IntrinsicTypeName | undefined;
  readonly flavors: Flavors;
}

/**
 * What the printer looks up while printing one namespace: the qualifier type a qualifier will be typed by
 * when the printed MOF is compiled again (declared in the namespace, else mofgen's built-in table of the
 * dialect, else typed by its use), and the class an instance belongs to (for the types of its properties).
 */
export class PrintContext {
  constructor(
    readonly schema: SchemaModel,
    readonly namespace: NamespaceModel,
    readonly dialect: Dialect,
    /** Prints an inline `instance of` value (given here so that values and instances need not import each other). */
    readonly instance: (instance: InstanceModel, at: Layout) => string,
  ) {}

  qualifierType(name: string): QualifierTypeInfo {
    const declared = this.namespace.qualifierTypeByName.get(fold(name));
    if (declared !== undefined) {
      return { type: declared.origin === "implicit" ? undefined : declared.type, flavors: declared.flavors };
    }
    const builtin = builtinQualifier(name, this.dialect);
    if (builtin !== undefined) return { type: builtin.type, flavors: builtin.flavors };
    return { type: undefined, flavors: defaultFlavors };
  }

  /** The class named `name` in this namespace, or (WMI) in the one other namespace that declares it. */
  classNamed(name: string): ClassModel | undefined {
    const key = fold(name);
    const own = this.namespace.classByName.get(key);
    if (own !== undefined) return own;
    const others = this.schema.namespaces.filter((ns) => ns !== this.namespace && ns.classByName.has(key));
    return others.length === 1 ? others[0]?.classByName.get(key) : undefined;
  }
}
