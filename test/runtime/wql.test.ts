import { describe, expect, it } from "vitest";
import { matchesWql, parseWql } from "../../runtime/src/query/wql.js";
import { CimError } from "../../runtime/src/values/cim-error.js";

/** The WQL subset the server evaluates: parsing, evaluation with SQL's NULL rule, and clear errors. */
const vm = { ElementName: "web-01", EnabledState: 2, OnTimeInMilliseconds: 864000123n, Notes: null, Started: true };

describe("WQL", () => {
  it("reads the select list, the class and the condition, without case", () => {
    const q = parseWql("select ElementName, enabledstate FROM Msvm_ComputerSystem where EnabledState = 2");
    expect(q).toEqual({
      className: "Msvm_ComputerSystem",
      properties: ["ElementName", "enabledstate"],
      where: { kind: "compare", property: "EnabledState", op: "=", value: 2 },
    });
    expect(parseWql("SELECT * FROM CIM_Job").properties).toBeUndefined();
  });

  it.each([
    ["EnabledState = 2", true],
    ["EnabledState <> 2", false],
    ["EnabledState != 3 AND ElementName = 'WEB-01'", true],
    ['EnabledState > 2 OR NOT (ElementName < "a")', true],
    ["OnTimeInMilliseconds >= 864000123", true],
    ["ElementName LIKE 'w_b%'", true],
    ["ElementName LIKE '%01x'", false],
    ["Notes IS NULL AND Started = TRUE", true],
    ["Notes IS NOT NULL", false],
    ["Notes = 'x' OR NOT Notes = 'x'", false],
    ["Missing = 1", false],
    ["EnabledState = '2'", false],
  ])("%s is %s", (condition, expected) => {
    expect(matchesWql(parseWql(`SELECT * FROM C WHERE ${condition}`).where, vm)).toBe(expected);
  });

  it.each([
    ["SELECT FROM C", "expected a property name or * at position 8"],
    ["SELECT * FROM", "expected a class name at position 14"],
    ["SELECT * FROM C WHERE A = ", "expected a string, a number, TRUE, FALSE or NULL at position 27"],
    ["SELECT * FROM C WHERE A == 1", "expected a string, a number, TRUE, FALSE or NULL at position 26"],
    ["SELECT * FROM C WHERE (A = 1", "expected ')' at position 29"],
    ["SELECT * FROM C x", 'unexpected "x" at position 17'],
    ["SELECT * FROM C WHERE A = 1 ; DROP", 'unexpected character ";" at position 29'],
    [`SELECT * FROM C WHERE ${"(".repeat(5000)}A = 1${")".repeat(5000)}`, "conditions are nested more than 100 deep"],
    [`SELECT * FROM C WHERE ${"NOT ".repeat(5000)}A = 1`, "NOT is nested more than 100 deep"],
  ])("query %# is CIM_ERR_INVALID_QUERY", (text, message) => {
    let error: unknown;
    try {
      parseWql(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CimError);
    expect((error as CimError).code).toBe(15);
    expect((error as CimError).message).toContain(message);
  });

  it("LIKE does not backtrack exponentially", () => {
    const text = "a".repeat(5000);
    expect(matchesWql(parseWql(`SELECT * FROM C WHERE P LIKE '${"%a".repeat(50)}b'`).where, { P: text })).toBe(false);
  });
});
