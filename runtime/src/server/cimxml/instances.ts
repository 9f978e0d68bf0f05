import { encodeInstanceName } from "../../codecs/cimxml/path.js";
import { encodeInstance } from "../../codecs/cimxml/value.js";
import { collect } from "../results.js";
import { enumerate, instancePath, type Operation, pick, propertyFilter } from "./operation.js";
import { iReturnValue, writeNamedInstance } from "./response.js";

/** The instance operations of DSP0200 §5.3.2: GetInstance, EnumerateInstances(Names), Create/Modify/DeleteInstance. */

const common = ["LocalOnly", "IncludeQualifiers", "IncludeClassOrigin", "PropertyList"];

export const GetInstance: Operation = {
  params: ["InstanceName", ...common],
  async run({ ns, params, signal }) {
    const path = instancePath(ns, params.path("InstanceName"), "GetInstance");
    const properties = await ns.host.getInstance(path, { signal });
    const filtered = pick(properties as Record<string, unknown>, propertyFilter(params.strings("PropertyList")));
    return iReturnValue([filtered], (w, p) =>
      encodeInstance(w, { className: path.className, properties: p }, ns.lookup),
    );
  },
};

export const EnumerateInstances: Operation = {
  params: ["ClassName", "DeepInheritance", ...common],
  async run({ ns, params, signal, enumerations }) {
    const className = params.requiredClassName("ClassName");
    const found = await enumerate(ns, className, signal, params.boolean("DeepInheritance", true));
    const instances = await collect(found, enumerations.limits.maxResultCount, "EnumerateInstances");
    const filter = propertyFilter(params.strings("PropertyList"));
    const shown = instances.map((i) => ({ path: i.path, properties: pick(i.properties, filter) }));
    return iReturnValue(shown, writeNamedInstance(ns.lookup));
  },
};

export const EnumerateInstanceNames: Operation = {
  params: ["ClassName"],
  async run({ ns, params, signal, enumerations }) {
    const found = await enumerate(ns, params.requiredClassName("ClassName"), signal);
    const instances = await collect(found, enumerations.limits.maxResultCount, "EnumerateInstanceNames");
    return iReturnValue(instances, (w, i) => encodeInstanceName(w, i.path));
  },
};

export const CreateInstance: Operation = {
  params: ["NewInstance"],
  async run({ ns, params, signal }) {
    const instance = params.instance("NewInstance", ns.lookup);
    const schema = ns.requireClass(instance.className);
    const path = await ns.host.createInstance(schema.name, instance.properties, { signal });
    return iReturnValue([path], encodeInstanceName);
  },
};

export const ModifyInstance: Operation = {
  params: ["ModifiedInstance", "IncludeQualifiers", "PropertyList"],
  async run({ ns, params, signal }) {
    const instance = params.instance("ModifiedInstance", ns.lookup, true);
    const path = instancePath(ns, instance.path ?? params.missing("ModifiedInstance"), "ModifyInstance");
    // The keys come from the instance name; the properties from the instance (which may repeat the keys).
    const properties = { ...instance.properties, ...path.keys };
    await ns.host.modifyInstance(path.className, properties, params.strings("PropertyList"), { signal });
    return () => {};
  },
};

export const DeleteInstance: Operation = {
  params: ["InstanceName"],
  async run({ ns, params, signal }) {
    await ns.host.deleteInstance(instancePath(ns, params.path("InstanceName"), "DeleteInstance"), { signal });
    return () => {};
  },
};
