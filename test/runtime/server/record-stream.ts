import type { MethodContext, OperationContext, ReferencesOptions } from "../../../runtime/src/host/provider.js";
import { AssociationProviderBase, ProviderBase } from "../../../runtime/src/host/provider-base.js";
import { ProviderHost } from "../../../runtime/src/host/provider-host.js";
import { createCimServer, type ServerLimits } from "../../../runtime/src/server/index.js";
import { notSupported } from "../../../runtime/src/values/cim-error.js";
import type { ObjectPath } from "../../../runtime/src/values/reference.js";
import type { ClassSchema } from "../../../runtime/src/values/schema.js";

/**
 * A provider whose enumeration is an async generator, as a log of a million records would be: `Test_Record` yields
 * `count` records in Id order and keeps score of what it did, so the streaming tests (streaming*.test.ts) can show
 * how far the server read ahead (`produced`), that closing an enumeration ran its finally block (`finished`), and
 * what a failure midway (`failAt`) becomes; `Test_RecordLink` streams its `references` the same way. Each server from `recordServer` has its own provider, so files sharing
 * a worker (isolate: false) share no state.
 */
export const namespace = "root/stream";
export const schema: ClassSchema = {
  name: "Test_Record",
  namespace,
  properties: [
    { name: "Id", type: "uint32", key: true, classOrigin: "Test_Record" },
    { name: "Text", type: "string", classOrigin: "Test_Record" },
  ],
  methods: [],
};

/** `Test_RecordLink`: record 0 links to every other record, yielded by an async `references` generator. */
export const linkSchema: ClassSchema = {
  name: "Test_RecordLink",
  namespace,
  association: true,
  properties: [
    { name: "Source", type: "reference", referenceClass: "Test_Record", key: true, classOrigin: "Test_RecordLink" },
    { name: "Target", type: "reference", referenceClass: "Test_Record", key: true, classOrigin: "Test_RecordLink" },
  ],
  methods: [],
};

interface Record_ {
  Id?: number;
  Text?: string;
}

export class RecordProvider extends ProviderBase<Record_, "Test_Record"> {
  readonly schema = schema;
  count = 0;
  /** Throw after yielding this many records. */
  failAt: number | undefined;
  /** Records yielded so far, over every enumeration. */
  produced = 0;
  /** Enumerations whose generator ran its finally block. */
  finished = 0;

  override async *enumerateInstances(_context: OperationContext): AsyncGenerator<Record_> {
    try {
      for (let id = 0; id < this.count; id++) {
        if (id === this.failAt) throw new Error(`the log is unreadable at record ${id}`);
        this.produced++;
        yield { Id: id, Text: `r${id}` };
      }
    } finally {
      this.finished++;
    }
  }

  override async invokeMethod(_input: object, context: MethodContext): Promise<object> {
    throw notSupported(this.schema, context.methodName);
  }
}

interface Link {
  Source?: ObjectPath;
  Target?: ObjectPath;
}

const recordPath = (id: number): ObjectPath => ({ className: "Test_Record", namespace, keys: { Id: id } });

export class RecordLinkProvider extends AssociationProviderBase<Link, "Test_RecordLink", Record_> {
  readonly schema = linkSchema;
  count = 0;
  produced = 0;
  finished = 0;

  override async *references(source: ObjectPath, _options: ReferencesOptions): AsyncGenerator<Link> {
    try {
      if (Number(source.keys.Id) !== 0) return;
      for (let id = 1; id <= this.count; id++) {
        this.produced++;
        yield { Source: recordPath(0), Target: recordPath(id) };
      }
    } finally {
      this.finished++;
    }
  }

  override async invokeMethod(_input: object, context: MethodContext): Promise<object> {
    throw notSupported(this.schema, context.methodName);
  }
}

export function recordServer(limits: Partial<ServerLimits> = {}) {
  const records = new RecordProvider();
  const links = new RecordLinkProvider();
  const host = new ProviderHost().register(records).register(links);
  return { server: createCimServer({ host, schemas: [schema, linkSchema], limits }), records, links };
}
