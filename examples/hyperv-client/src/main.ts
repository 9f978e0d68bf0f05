// NOTE: written against WbemClient as it is on branch h-runtime (runtime/src/client), which this branch does not
// have yet; tsconfig.json leaves this folder out of the type check until the two branches are merged.
import { parseArgs } from "node:util";
import { isJobStarted, WbemClient } from "@mofgen/runtime";
import * as classes from "../../hyperv-host/generated/root/virtualization/v2/index.js";
import type { ClassMap } from "../../hyperv-host/generated/root/virtualization/v2/providers/class-map.js";

/**
 * `npm run example:client -- [--url http://127.0.0.1:5988] [--user NAME --password PW] [--vm web-01]
 * [--protocol cim-xml|wsman]`: the typed client against the example host (or a real WBEM server with the Hyper-V
 * classes; with `--protocol wsman`, a Windows host's WinRM at `http://host:5985/wsman`): list the virtual machines
 * with their EnabledState decoded, snapshot one, follow the job, read the snapshot it made, and list the VM's
 * snapshots.
 */
const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:5988" },
    user: { type: "string" },
    password: { type: "string" },
    vm: { type: "string", default: "web-01" },
    protocol: { type: "string", default: "cim-xml" },
  },
});
if (values.protocol !== "cim-xml" && values.protocol !== "wsman")
  throw new Error(`--protocol is cim-xml or wsman, not ${values.protocol}`);

const client = new WbemClient<ClassMap>({
  // WS-Management goes to the URL's path, or /wsman when it has none; CIM-XML to /cimom.
  protocol: values.protocol,
  url: values.url,
  namespace: "root/virtualization/v2",
  ...(values.user === undefined ? {} : { user: values.user, password: values.password ?? "" }),
  // The generated schemas: values that arrive typed wrong are errors, never converted.
  schemas: [
    classes.Msvm_ComputerSystem_Schema,
    classes.Msvm_ConcreteJob_Schema,
    classes.Msvm_VirtualSystemSnapshotService_Schema,
    classes.Msvm_VirtualSystemSettingData_Schema,
  ],
});

try {
  let target: classes.Msvm_ComputerSystem | undefined;
  for await (const computer of client.iterEnumerateInstances("Msvm_ComputerSystem")) {
    const vm = computer.properties;
    if (vm.Caption === "Hosting Computer System") continue;
    const state =
      vm.EnabledState == null
        ? "Unknown"
        : (classes.decodeCIM_EnabledLogicalElement_EnabledState(vm.EnabledState) ?? vm.EnabledState);
    console.log(`${vm.ElementName}  ${vm.Name}  ${state}`);
    if (vm.ElementName === values.vm) target = vm;
  }
  if (target === undefined) throw new Error(`no virtual machine named ${values.vm}`);

  const [service] = await client.enumerateInstanceNames("Msvm_VirtualSystemSnapshotService");
  if (service === undefined) throw new Error("no Msvm_VirtualSystemSnapshotService");
  const vmPath = {
    className: "Msvm_ComputerSystem",
    keys: { CreationClassName: "Msvm_ComputerSystem", Name: target.Name },
  };
  const out = await client.invokeMethod(service, "CreateSnapshot", { AffectedSystem: vmPath, SnapshotType: 2 });
  console.log(`CreateSnapshot: ${out.ReturnValue}`);
  if (isJobStarted(out.ReturnValue) && out.Job != null) {
    const job = await client.waitForJob<"Msvm_ConcreteJob">(out.Job, { intervalMs: 100, timeoutMs: 30_000 });
    console.log(
      `job ${job.properties.InstanceID}: JobState ${job.properties.JobState}, ${job.properties.PercentComplete}% complete`,
    );
    const made = await client.affectedElements(out.Job, { resultClass: "Msvm_VirtualSystemSettingData" });
    for (const snapshot of made) console.log(`snapshot: ${String(snapshot.properties.ElementName)}`);
  }
  // Every snapshot of the VM, pulled a page at a time (OpenAssociatorInstances), typed by the result class.
  const snapshots = client.iterAssociatorInstances(vmPath, {
    assocClass: "Msvm_SnapshotOfVirtualSystem",
    resultClass: "Msvm_VirtualSystemSettingData",
  });
  for await (const snapshot of snapshots) console.log(`${values.vm} has snapshot ${snapshot.properties.InstanceID}`);
} finally {
  client.close();
}
