import { describe, expect, it } from "vitest";
import { ProviderHost } from "../../runtime/src/host/provider-host.js";
import { CimError, CimStatus } from "../../runtime/src/values/cim-error.js";
import { namespace, RecordLinkProvider, RecordProvider } from "./server/record-stream.js";

/**
 * The host's array-returning calls gather a provider's stream into one array: never more than `maxResultCount`
 * instances, so a stream without end (a log of a billion records) is refused, not held in memory until it runs out.
 */
const source = { className: "Test_Record", namespace, keys: { Id: 0 } };

function hostWith(count: number, maxResultCount?: number) {
  const records = Object.assign(new RecordProvider(), { count });
  const links = Object.assign(new RecordLinkProvider(), { count });
  const host = new ProviderHost(maxResultCount === undefined ? {} : { maxResultCount })
    .register(records)
    .register(links);
  return { host, records, links };
}

const limitExceeded = (what: string) =>
  expect.objectContaining({
    name: "CimError",
    code: CimStatus.CIM_ERR_SERVER_LIMITS_EXCEEDED,
    detail: expect.stringContaining(`${what}: the provider's stream has more than 10 instances`),
  });

describe("ProviderHost: gathering a stream is bounded by maxResultCount", () => {
  it("enumerateInstances: as many as the bound is answered; one more is CIM_ERR_SERVER_LIMITS_EXCEEDED, the stream stopped", async () => {
    const exact = hostWith(10, 10);
    expect((await exact.host.enumerateInstances("Test_Record")).map((r) => r.Id)).toEqual([...Array(10).keys()]);
    const over = hostWith(1_000_000, 10);
    await expect(over.host.enumerateInstances("Test_Record")).rejects.toEqual(
      limitExceeded("Test_Record.enumerateInstances"),
    );
    // The 11th record told the host; the generator was returned there (its finally ran), not read on.
    expect([over.records.produced, over.records.finished]).toEqual([11, 1]);
  });

  it("references: the same bound", async () => {
    expect(await hostWith(10, 10).host.references("Test_RecordLink", source)).toHaveLength(10);
    const over = hostWith(1_000_000, 10);
    await expect(over.host.references("Test_RecordLink", source)).rejects.toEqual(
      limitExceeded("Test_RecordLink.references"),
    );
    expect([over.links.produced, over.links.finished]).toEqual([11, 1]);
  });

  it("associators: the same bound", async () => {
    let produced = 0;
    class FarEnds extends RecordLinkProvider {
      override async *associators(): AsyncGenerator<{ Id: number }> {
        for (let id = 1; id <= this.count; id++) {
          produced++;
          yield { Id: id };
        }
      }
    }
    const host = new ProviderHost({ maxResultCount: 10 }).register(new RecordProvider());
    host.register(Object.assign(new FarEnds(), { count: 1_000_000 }));
    await expect(host.associators("Test_RecordLink", source)).rejects.toEqual(
      limitExceeded("Test_RecordLink.associators"),
    );
    expect(produced).toBe(11);
  });

  it("the default bound is the servers' maxResultCount, 100,000", async () => {
    const { host, records } = hostWith(100_001);
    await expect(host.enumerateInstances("Test_Record")).rejects.toMatchObject({
      code: CimStatus.CIM_ERR_SERVER_LIMITS_EXCEEDED,
    });
    expect(records.produced).toBe(100_001);
  });

  it("a bound that is no whole number is refused when the host is made", () => {
    expect(() => new ProviderHost({ maxResultCount: -1 })).toThrow(CimError);
    expect(() => new ProviderHost({ maxResultCount: 1.5 })).toThrow(CimError);
  });
});
