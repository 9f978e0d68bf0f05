import { describe, expect, it, vi } from "vitest";
import { modelToJson } from "../../src/emit/model-json.js";
import { prelude } from "../../src/model/prelude.js";
import type { ModelOptions } from "../../src/model/resolve.js";
import { classOf, compileText, findings, namespaceOf } from "../helpers/model.js";

/**
 * The built-in classes of WMI mode (src/model/prelude/): WMI system classes and DSC's base classes, known the
 * way mofcomp and DSC know them. Subclasses inherit their members, Override names them, instances are checked
 * against them; they never appear in the user's model. DMTF mode does not know (nor compile) them.
 */

const wmi: ModelOptions = { dialect: "wmi" };
const dmtf: ModelOptions = { dialect: "dmtf", builtinQualifiers: true };

const decoupledProvider = `class MSFT_Provider : __Win32Provider {
  [Override("Clsid")] string Clsid = "{54D8502C-527D-43f7-A506-A9DA075E229C}";
  [Override("HostingModel")] string HostingModel = "Decoupled:Com";
};
instance of MSFT_Provider as $P { Name = "Sample"; };
instance of __InstanceProviderRegistration { Provider = $P; SupportsGet = TRUE; SupportsEnumeration = TRUE; };
`;

describe("the prelude", () => {
  it("is not compiled by DMTF-mode compilations, where the system classes stay unknown", async () => {
    // Fresh module instances: test files share a worker's modules (vitest.config.ts, isolate: false), so another
    // file's WMI compile may already have compiled the prelude in this one.
    vi.resetModules();
    const fresh = await import("../../src/model/prelude.js");
    const model = await import("../helpers/model.js");
    expect(fresh.preludeCompiled()).toBe(false);
    expect(model.findings(model.compileText("class A : __Win32Provider {};", dmtf))).toEqual(["1:11 MOF2002 error"]);
    expect(fresh.preludeCompiled()).toBe(false);
  });

  it("compiles without a single diagnostic and holds the documented system and DSC classes", () => {
    const { classes, diagnostics } = prelude();
    expect(diagnostics).toEqual([]);
    const names = classes.all().map((c) => c.name);
    for (const name of ["__SystemClass", "__Win32Provider", "__EventFilter", "__IntervalTimerInstruction"]) {
      expect(names).toContain(name);
    }
    expect(names).toContain("OMI_BaseResource");
    expect(classes.resolve("__win32provider")?.propertyByName.get("name")?.key).toBe(true);
    expect(
      classes
        .resolve("__FilterToConsumerBinding")
        ?.properties.filter((p) => p.key)
        .map((p) => p.name),
    ).toEqual(["Consumer", "Filter"]);
  });
});

describe("WMI system classes in WMI mode", () => {
  it("lets a subclass inherit and override their members", () => {
    const compiled = compileText(decoupledProvider, wmi);
    expect(findings(compiled)).toEqual([]);
    const provider = classOf(compiled, "MSFT_Provider");
    expect(provider.superclass).toBe("__Win32Provider");
    const name = provider.propertyByName.get("name");
    expect([name?.classOrigin, name?.key, name?.propagated]).toEqual(["__Provider", true, true]);
    expect(provider.propertyByName.get("clsid")?.classOrigin).toBe("MSFT_Provider");
  });

  it("reports an Override that names no member of the system class", () => {
    const text = 'class P : __Win32Provider {\n  [Override("Clsidd")] string Clsidd;\n};';
    expect(findings(compileText(text, wmi))).toEqual(["2:4 MOF2007 warning"]);
  });

  it("checks instances against the system class's properties and keys", () => {
    const valid = 'instance of __Win32Provider { Name = "P"; CLSID = "{0}"; HostingModel = "NetworkServiceHost"; };';
    expect(findings(compileText(valid, wmi))).toEqual([]);
    const unknown = 'instance of __Win32Provider {\n  Name = "P";\n  ProviderClsid = "{0}";\n};';
    expect(findings(compileText(unknown, wmi))).toEqual(["3:3 MOF2015 error"]);
    expect(findings(compileText('instance of __EventFilter { Query = "SELECT * FROM __TimerEvent"; };', wmi))).toEqual([
      "1:13 MOF2016 error",
    ]);
  });

  it("rejects instances of abstract system classes", () => {
    expect(findings(compileText('instance of __Provider { Name = "P"; };', wmi))).toEqual(["1:13 MOF2014 error"]);
    expect(findings(compileText('instance of __Namespace { Name = "P"; };', wmi))).toEqual([]);
  });

  it("leaves them out of the model of the schema, and names a built-in superclass as written in the prelude", () => {
    const compiled = compileText(decoupledProvider, wmi);
    expect(namespaceOf(compiled).classes.map((c) => c.name)).toEqual(["MSFT_Provider"]);
    const json = JSON.stringify(modelToJson(compiled.schema));
    expect(json).not.toContain('"name":"__Win32Provider"');
    expect(json).toContain('"superclass":"__Win32Provider"');
  });

  it("prefers a class the file declares itself over the built-in one of the same name", () => {
    const text = 'class __Namespace { string Other; };\ninstance of __Namespace { Other = "x"; };';
    expect(findings(compileText(text, wmi))).toEqual([]);
    expect(classOf(compileText(text, wmi), "__Namespace").properties.map((p) => p.name)).toEqual(["Other"]);
  });

  it("accepts a system class the prelude does not model, without member checks", () => {
    expect(findings(compileText('instance of __PARAMETERS { ReturnValue = 0; sValue = "x"; };', wmi))).toEqual([]);
    expect(findings(compileText('class A : __SomethingNew { [Override("X")] string X; };', wmi))).toEqual([]);
  });

  it("treats a redeclared embedded object typed by class or as `object` as the same type", () => {
    const text = "class E : __EventQueueOverflowEvent { object Event; };";
    expect(findings(compileText(text, wmi))).toEqual([]);
    const other = "class E : __EventQueueOverflowEvent { string Event; };";
    expect(findings(compileText(other, wmi))).toEqual(["1:46 MOF2008 warning"]);
  });
});

describe("DSC base classes in WMI mode", () => {
  const resource = `[ClassVersion("1.0.0"), FriendlyName("Thing")]
class DSC_Thing : OMI_BaseResource {
  [Key] string Name;
  [Write, EmbeddedInstance("MSFT_Credential")] string Credential;
};`;

  it("gives a resource the base resource's properties and knows MSFT_Credential", () => {
    const compiled = compileText(resource, wmi);
    expect(findings(compiled)).toEqual([]);
    const props = classOf(compiled, "DSC_Thing").properties.map((p) => p.name);
    expect(props).toContain("PsDscRunAsCredential");
    expect(props.at(-1)).toBe("Credential");
  });

  it("checks instances of a resource against the inherited properties", () => {
    const instance = `${resource}\ninstance of DSC_Thing {\n  Name = "a";\n  ResourceId = "[Thing]a";\n  Bogus = 1;\n};`;
    expect(findings(compileText(instance, wmi))).toEqual(["9:3 MOF2015 error"]);
  });
});

describe("classes from the target namespace (WMI)", () => {
  it("keeps a class with an unknown superclass, with its own members, and checks nothing it may inherit", () => {
    const text = `class ProcessProfile : CIM_RegisteredProfile {
  [Override("InstanceID")] string InstanceID;
  string Extra;
};
instance of ProcessProfile { InstanceID = "x"; RegisteredName = "Process"; Extra = "y"; };`;
    const compiled = compileText(text, wmi);
    expect(findings(compiled)).toEqual(["1:24 MOF2002 warning"]);
    expect(classOf(compiled, "ProcessProfile").properties.map((p) => p.name)).toEqual(["InstanceID", "Extra"]);
    expect(classOf(compiled, "ProcessProfile").superclass).toBe("CIM_RegisteredProfile");
  });

  it("still checks the instances of a class whose whole ancestry is known", () => {
    const text = 'class A { [Key] string K; };\ninstance of A { K = "x"; RegisteredName = "y"; };';
    expect(findings(compileText(text, wmi))).toEqual(["2:26 MOF2015 error"]);
  });

  it("says where WMI takes the class from", () => {
    const [d] = compileText("class B : CIM_Process {};", wmi).diagnostics;
    expect(d?.message).toBe(
      "superclass 'CIM_Process' of 'B' is not defined in these files; WMI takes it from the namespace the MOF is compiled into, which must already hold it",
    );
    const [e] = compileText("class B : CIM_Process {};", dmtf).diagnostics;
    expect(e?.message).toBe("superclass 'CIM_Process' of 'B' is not defined");
  });
});
