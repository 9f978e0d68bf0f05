import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type Msvm_ComputerSystem,
  Msvm_ComputerSystem_Schema,
} from "../../generated/root/virtualization/v2/Msvm_ComputerSystem.js";
import { parseDateTime } from "../../runtime/src/values/datetime.js";
import { fromJson, InstanceJsonError, toJson } from "../../runtime/src/values/instance-json.js";
import { parseObjectPath } from "../../runtime/src/values/reference.js";
import type { ClassSchema } from "../../runtime/src/values/schema.js";

const disk: ClassSchema = {
  name: "Test_Disk",
  namespace: "root/test",
  properties: [
    { name: "Size", type: "uint64", classOrigin: "Test_Disk" },
    { name: "Offsets", type: "sint64", array: true, classOrigin: "Test_Disk" },
  ],
  methods: [],
};

const holder: ClassSchema = {
  name: "Test_Holder",
  namespace: "root/test",
  properties: [
    { name: "Id", type: "string", key: true, classOrigin: "Test_Holder" },
    { name: "Ratio", type: "real64", classOrigin: "Test_Holder" },
    { name: "Owner", type: "reference", referenceClass: "Test_Disk", classOrigin: "Test_Holder" },
    { name: "Since", type: "datetime", classOrigin: "Test_Holder" },
    {
      name: "Disk",
      type: "string",
      embeddedClass: "Test_Disk",
      embeddedSchema: () => disk,
      classOrigin: "Test_Holder",
    },
    { name: "Disks", type: "instance", array: true, embeddedSchema: () => disk, classOrigin: "Test_Holder" },
  ],
  methods: [],
};

describe("toJson and fromJson", () => {
  it("round-trip a generated instance holding a uint64 past 2^53 (JSON.stringify throws on it)", () => {
    const vm: Msvm_ComputerSystem = {
      CreationClassName: "Msvm_ComputerSystem",
      Name: "A3B1C2D4-0000-4000-8000-000000000001",
      OnTimeInMilliseconds: 2n ** 64n - 1n,
      EnabledState: 2,
      TimeOfLastConfigurationChange: parseDateTime("20240131123000.123456+060"),
      HealthState: null,
    };
    expect(() => JSON.stringify(vm)).toThrow(TypeError);
    const text = toJson(vm, Msvm_ComputerSystem_Schema);
    expect(JSON.parse(text)).toEqual({
      CreationClassName: "Msvm_ComputerSystem",
      Name: "A3B1C2D4-0000-4000-8000-000000000001",
      OnTimeInMilliseconds: "18446744073709551615",
      EnabledState: 2,
      TimeOfLastConfigurationChange: "20240131123000.123456+060",
      HealthState: null,
    });
    const back = fromJson<Msvm_ComputerSystem>(text, Msvm_ComputerSystem_Schema);
    expectTypeOf(back).toEqualTypeOf<Msvm_ComputerSystem>();
    expect(back).toEqual(vm);
  });

  it("round-trip 64-bit arrays, reals JSON has no number for, paths with bigint keys and embedded instances", () => {
    const value = {
      Id: "h1",
      Ratio: Number.NEGATIVE_INFINITY,
      Owner: parseObjectPath('root/test:Test_Disk.Size=18446744073709551615,Name="a\\"b"'),
      Since: parseDateTime("00000001020304.000000:000"),
      Disk: { Size: 9007199254740993n, Offsets: [-(2n ** 63n), 0n] },
      Disks: [{ Size: 1n }, "instance of Test_Disk { Size = 2; };"],
      Extra: 5n,
    };
    const json = JSON.parse(toJson(value, holder));
    expect(json.Disk).toEqual({ Size: "9007199254740993", Offsets: ["-9223372036854775808", "0"] });
    expect(json.Ratio).toBe("-Infinity");
    expect(json.Extra).toBe("5");
    expect(fromJson(JSON.stringify(json), holder)).toEqual({ ...value, Extra: "5" });
  });

  it.each<[string, string]>([
    ['{"Disk": {"Size": 1.5}}', "Disk.Size: expected a uint64 as decimal text, found 1.5"],
    ['{"Disk": {"Size": "18446744073709551616"}}', "Disk.Size: expected a uint64 in 0..18446744073709551615"],
    ['{"Disks": [{"Offsets": ["1", "x"]}]}', 'Disks[0].Offsets[1]: expected a sint64 as decimal text, found "x"'],
    ['{"Since": "yesterday"}', "Since: "],
    ['{"Owner": 3}', "Owner: expected an object path text, found 3"],
    ["[1]", "the JSON is not an object of properties"],
    ["{", "not JSON: "],
  ])("reject %s with the property at fault", (text, message) => {
    let error: unknown;
    try {
      fromJson(text, holder);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InstanceJsonError);
    expect((error as Error).message.startsWith(message)).toBe(true);
  });
});
