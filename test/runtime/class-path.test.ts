import { describe, expect, it } from "vitest";
import { classPath, isClassPath } from "../../runtime/src/values/class-path.js";
import { formatObjectPath, parseObjectPath } from "../../runtime/src/values/reference.js";

describe("classPath", () => {
  it("marks a class, which a keyless instance path (a singleton's) is not", () => {
    expect(isClassPath(classPath("CIM_Foo"))).toBe(true);
    expect(isClassPath({ className: "CIM_Foo", keys: {} })).toBe(false);
    expect(isClassPath(parseObjectPath("CIM_Foo"))).toBe(false);
  });

  it("prints as the class alone, where a keyless instance path prints WMI's singleton form", () => {
    expect(formatObjectPath(classPath("CIM_Foo", { namespace: "root/cimv2", host: "h" }))).toBe(
      "\\\\h\\root\\cimv2:CIM_Foo",
    );
    expect(formatObjectPath({ className: "CIM_Foo", keys: {} })).toBe("CIM_Foo=@");
  });
});
