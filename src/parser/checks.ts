import { foldName } from "@mofgen/runtime/values";
import type {
  DataTypeRef,
  Identifier,
  InstanceDeclaration,
  MofFile,
  PragmaDirective,
  Qualifier,
  QualifierList,
  QualifierTypeDeclaration,
  Value,
} from "../ast/nodes.js";
import { Diagnostics, diag } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { DialectRules } from "../dialect/rules.js";
import type { Span } from "../source/span.js";
import { dmtfFlavors, flavorByName, scopeByName, scopeNames, wmiFlavors } from "./flavors.js";
import { checkPragma } from "./pragmas.js";
import { didYouMean } from "./types.js";

/**
 * Checks that need only the syntax tree of one file: the "super grammar" parses any word where a flavor,
 * scope or type goes, and these checks say precisely which word is wrong (java-parser's design). Dialect
 * rules live here too: the WMI superset is always parsed, and `--dialect dmtf` reports each extension.
 */
const wmiFlavorSet: ReadonlySet<string> = new Set(wmiFlavors);

export function checkSyntax(file: MofFile, rules: DialectRules): Diagnostic[] {
  return new SyntaxChecker(rules).run(file);
}

class SyntaxChecker {
  private readonly out: Diagnostic[] = [];
  constructor(private readonly rules: DialectRules) {}

  run(file: MofFile): Diagnostic[] {
    for (const p of file.productions) {
      switch (p.kind) {
        case "pragma":
          this.pragma(p);
          break;
        case "qualifierType":
          this.qualifierType(p);
          break;
        case "class":
          this.qualifierList(p.qualifiers);
          for (const f of p.features) {
            this.qualifierList(f.qualifiers);
            if (f.kind === "property") {
              this.dataType(f.type, "property");
              if (f.default) this.value(f.default);
            } else if (f.kind === "reference") {
              if (f.default) this.value(f.default);
            } else {
              this.dataType(f.returnType, "method");
              for (const param of f.parameters) {
                this.qualifierList(param.qualifiers);
                if (!param.isRef) this.dataType(param.type, "parameter");
                if (param.default) {
                  this.wmiOnly(param.name, "a parameter default value");
                  this.value(param.default);
                }
              }
            }
          }
          break;
        case "instance":
          this.instance(p);
          break;
      }
    }
    return this.out;
  }

  private instance(p: InstanceDeclaration): void {
    this.qualifierList(p.qualifiers);
    for (const pv of p.properties) {
      // DSP0004 valueInitializer allows a qualifier list, so this is not a WMI extension.
      this.qualifierList(pv.qualifiers);
      if (pv.value !== undefined) this.value(pv.value);
      else this.wmiOnly(pv.name, "an instance property without '= value' (given by a property provider)");
    }
  }

  private value(v: Value): void {
    if (v.kind === "arrayValue") for (const e of v.elements) this.value(e);
    else if (v.kind === "instanceValue") {
      this.wmiOnly(v.span, "an inline 'instance of' value");
      this.instance(v.instance);
    }
  }

  private pragma(p: PragmaDirective): void {
    for (const d of checkPragma(p, this.rules)) this.out.push(d);
  }

  private qualifierType(q: QualifierTypeDeclaration): void {
    this.qualifierList(q.qualifiers);
    this.flavors(q.flavors);
    // A default is a value like any other: an inline `instance of` there is as much a WMI extension.
    if (q.default) this.value(q.default);
    if (q.type === undefined) {
      // WMI's `qualifier Name : ToInstance ToSubclass;` sets default flavors and nothing else.
      this.wmiOnly(q.name, "a qualifier declaration with only flavors");
      return;
    }
    if (q.type.kind !== "intrinsic") {
      const written = q.type.kind === "class" ? q.type.className.name : q.type.kind;
      const hint = didYouMean(written);
      this.out.push(
        diag(
          Diagnostics.UnknownDataType,
          q.type.span,
          written,
          hint ? `; ${hint}` : "; a qualifier type must be an intrinsic type",
        ),
      );
    }
    if (q.scopeSpan === undefined) this.out.push(diag(Diagnostics.MissingScope, q.name.span, q.name.name));
    for (const s of q.scopes) {
      if (!scopeByName.has(foldName(s.name))) {
        this.out.push(diag(Diagnostics.UnknownScope, s.span, s.name, scopeNames.join(", ")));
      }
    }
  }

  private qualifierList(list: QualifierList | undefined): void {
    if (!list) return;
    for (const q of list.qualifiers) this.qualifier(q);
  }

  private qualifier(q: Qualifier): void {
    this.flavors(q.flavors);
    if (q.value) this.value(q.value);
  }

  private flavors(flavors: readonly Identifier[]): void {
    for (const f of flavors) {
      if (f.name === "") continue; // inserted by error recovery; the syntax error says what is missing
      const known = flavorByName.get(foldName(f.name));
      if (known === undefined) {
        const list = this.rules.wmiExtensions ? [...dmtfFlavors, ...wmiFlavors] : dmtfFlavors;
        this.out.push(diag(Diagnostics.UnknownFlavor, f.span, f.name, list.join(", ")));
      } else if (wmiFlavorSet.has(known)) {
        this.wmiOnly(f, `the flavor '${known}'`);
      }
    }
  }

  private dataType(t: DataTypeRef, where: "property" | "method" | "parameter"): void {
    if (t.kind === "intrinsic") return;
    if (t.kind === "void") {
      if (where !== "method") {
        this.out.push(diag(Diagnostics.UnknownDataType, t.span, "void", "; 'void' is only a method return type"));
      } else this.wmiOnly(t.span, "a 'void' method");
      return;
    }
    if (t.kind === "object") {
      this.wmiOnly(t.span, "the 'object' type");
      return;
    }
    const name = t.className.name;
    const hint = didYouMean(name);
    if (hint !== undefined) {
      this.out.push(diag(Diagnostics.UnknownDataType, t.span, name, `; ${hint}`));
    } else if (!this.rules.wmiExtensions) {
      const embedded = `; a class name as a ${where === "method" ? "return" : where} type is a WMI extension (DMTF MOF uses string with EmbeddedInstance("${name}"))`;
      this.out.push(diag(Diagnostics.UnknownDataType, t.span, name, embedded));
    }
  }

  private wmiOnly(at: Span, what: string): void {
    if (!this.rules.wmiExtensions) this.out.push(diag(Diagnostics.WmiExtension, at, what));
  }
}
