import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../src/compile.js";
import type { Dialect } from "../../src/dialect/dialect.js";
import type { Change } from "../../src/diff/change.js";
import { diffSchemas } from "../../src/diff/diff.js";
import type { SchemaModel } from "../../src/model/types.js";
import { corpus } from "../helpers/corpora.js";

/**
 * Real pairs of releases: DMTF CIM 2.22 -> 2.28 -> 2.49 (each release compiled whole from its roll-up, as
 * `mofgen check --dialect dmtf` does) and Hyper-V on Windows Server 2019 -> 23H2. The added and removed classes
 * must be the set differences of the releases' class lists, computed here straight from the models; the spot
 * checks are changes read in the MOF files of both releases (file and line in each comment).
 */

function compileWhole(path: string, dialect: Dialect): SchemaModel {
  const { schema, diagnostics } = compile([path], { dialect });
  expect(diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return schema;
}

/** `namespace:Class` of every class of a model, by case-folded key. */
function classList(schema: SchemaModel): Map<string, string> {
  const list = new Map<string, string>();
  for (const ns of schema.namespaces)
    for (const c of ns.classes) list.set(`${ns.name}:${c.name}`.toLowerCase(), c.name);
  return list;
}

function minus(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...a.keys()]
    .filter((k) => !b.has(k))
    .map((k) => a.get(k) as string)
    .sort();
}

function paths(changes: readonly Change[], ...types: Change["type"][]): string[] {
  return changes
    .filter((c) => types.includes(c.type))
    .map((c) => c.path)
    .sort();
}

/** The one change at `path` of `type` (fails when there is none or more than one). */
function one(changes: readonly Change[], type: Change["type"], path: string): Change {
  const found = changes.filter((c) => c.type === type && c.path === path);
  expect(found, `${type} ${path}`).toHaveLength(1);
  return found[0] as Change;
}

function checkClassLists(before: SchemaModel, after: SchemaModel, changes: readonly Change[]) {
  const oldList = classList(before);
  const newList = classList(after);
  expect(paths(changes, "class-added")).toEqual(minus(newList, oldList));
  expect(paths(changes, "class-removed", "deprecated-class-removed")).toEqual(minus(oldList, newList));
}

describe("DMTF CIM releases", () => {
  const models: Record<string, SchemaModel> = {};
  const rollups: Record<string, string> = {
    "2.22": "dmtf-cim-2.22/CIM_Schema.mof",
    "2.28": "dmtf-cim-2.28/CIM_Schema.mof",
    "2.49": "dmtf-cim-2.49/cim_schema_2.49.0.mof",
  };

  beforeAll(() => {
    for (const [release, rollup] of Object.entries(rollups)) {
      const dir = corpus(`dmtf-cim-${release}`);
      if (dir !== undefined) models[release] = compileWhole(join(dir, "..", rollup), "dmtf");
    }
  });

  const pair = (from: string, to: string) => {
    const before = models[from];
    const after = models[to];
    return before && after ? { before, after, changes: diffSchemas(before, after) } : undefined;
  };

  it("2.22 -> 2.28: added and removed classes are the differences of the class lists; spot checks", (ctx) => {
    const p = pair("2.22", "2.28");
    if (p === undefined) return ctx.skip();
    checkClassLists(p.before, p.after, p.changes);
    expect(paths(p.changes, "class-added")).toContain("CIM_NetworkVLAN");
    // CIM_BIOSPassword.mof:47-48: ValueMap "5" is "UTF16" in 2.22 and "Unicode" in 2.28.
    expect(one(p.changes, "value-renamed", "CIM_BIOSPassword.PasswordEncoding[ValueMap 5]")).toMatchObject({
      criticality: "dangerous",
      before: "UTF16",
      after: "Unicode",
    });
    // CIM_OpaqueManagementDataService.mof:96-97 (2.28): Create() gains [Required, IN] uint64 MaxSize.
    expect(
      one(p.changes, "required-in-parameter-added", "CIM_OpaqueManagementDataService.Create(MaxSize)").criticality,
    ).toBe("breaking");
    // CIM_SoftwareIdentity.mof: TargetOSTypes has a ValueMap of 104 entries in 2.22 and none in 2.28.
    expect(one(p.changes, "value-map-removed", "CIM_SoftwareIdentity.TargetOSTypes").criticality).toBe("dangerous");
    // CIM_RegisteredProfile.mof:166 (2.28): OpenConformantInstances() is new.
    one(p.changes, "method-added", "CIM_RegisteredProfile.OpenConformantInstances()");
  });

  it("2.28 -> 2.49: added and removed classes are the differences of the class lists; spot checks", (ctx) => {
    const p = pair("2.28", "2.49");
    if (p === undefined) return ctx.skip();
    checkClassLists(p.before, p.after, p.changes);
    // CIM_X509CredentialFilterEntry.mof: `string MatchFieldName` (2.28:33) becomes `uint32 MatchFieldName` (2.49:28).
    expect(one(p.changes, "property-type-changed", "CIM_X509CredentialFilterEntry.MatchFieldName")).toMatchObject({
      criticality: "breaking",
      before: "string",
      after: "uint32",
    });
    // CIM_LogicalDiskBasedOnPartition.mof: `CIM_DiskPartition REF Antecedent` (2.28:28) -> CIM_GenericDiskPartition (2.49:23).
    expect(one(p.changes, "reference-class-changed", "CIM_LogicalDiskBasedOnPartition.Antecedent")).toMatchObject({
      before: "CIM_DiskPartition",
      after: "CIM_GenericDiskPartition",
    });
    // CIM_KerberosTicket.mof: derives from CIM_KerberosCredential in 2.49; its Key properties become Required.
    expect(one(p.changes, "key-removed", "CIM_KerberosTicket.SystemName").criticality).toBe("breaking");
    one(p.changes, "required-added", "CIM_KerberosTicket.SystemName");
    // CIM_VirtualSystemSnapshotService.mof:50 (2.49): Job is [In (false), Out] where 2.28 has [OUT] (In by default).
    expect(
      one(p.changes, "parameter-direction-changed", "CIM_VirtualSystemSnapshotService.CreateSnapshot(Job)"),
    ).toMatchObject({
      before: "In, Out",
      after: "Out",
    });
  });

  it("2.22 -> 2.49: added and removed classes are the differences of the class lists", (ctx) => {
    const p = pair("2.22", "2.49");
    if (p === undefined) return ctx.skip();
    checkClassLists(p.before, p.after, p.changes);
    expect(p.changes.filter((c) => c.type === "class-added").length).toBeGreaterThan(200);
  });
});

describe("Hyper-V, Windows Server 2019 -> 23H2", () => {
  const at = (dir: string, release: string, file: string) => join(dir, "os-versions", release, file);

  it("root/virtualization/v2: class lists, and spot checks", (ctx) => {
    const dir = corpus("hyperv");
    if (dir === undefined) return ctx.skip();
    const before = compileWhole(at(dir, "server2019", "all.mof"), "wmi");
    const after = compileWhole(at(dir, "server23h2", "all.mof"), "wmi");
    const changes = diffSchemas(before, after);
    checkClassLists(before, after, changes);
    // server2019 WindowsVirtualization.V2.mof:9845 declares it; server23h2 does not.
    expect(one(changes, "class-removed", "Msvm_EthernetSwitchPortMigrationQosSettingData").criticality).toBe(
      "breaking",
    );
    // server23h2 WindowsVirtualization.V2.mof:9101.
    one(changes, "method-added", "Msvm_ComputerSystem.InjectNonMaskableInterruptEx()");
    // hyperv/NOTES.md, "Corrections after release": server2019's JobType gained 26 and 27 as in server23h2
    // (:9156-9170), so the two agree and nothing about JobType may be reported.
    expect(changes.filter((c) => c.path.startsWith("Msvm_ConcreteJob.JobType"))).toEqual([]);
  });

  it("root/HyperVCluster/v2: class lists, and spot checks", (ctx) => {
    const dir = corpus("hyperv");
    if (dir === undefined) return ctx.skip();
    const before = compileWhole(at(dir, "server2019", "cluster-v2/all.mof"), "wmi");
    const after = compileWhole(at(dir, "server23h2", "cluster-v2/all.mof"), "wmi");
    const changes = diffSchemas(before, after);
    checkClassLists(before, after, changes);
    // server23h2 WindowsHyperVCluster.V2.mof:10012.
    one(changes, "property-added", "Msvm_VirtualSystemManagementServiceSettingData.HypervisorSnpStatus");
    expect(changes.filter((c) => c.criticality === "breaking")).toEqual([]);
  });
});
