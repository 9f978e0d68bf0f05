import { parseArgs } from "node:util";
import {
  CimError,
  CimXmlError,
  HttpStatusError,
  isJobStarted,
  JobCimError,
  TransportError,
  WbemClient,
  wsman,
  XmlError,
} from "@mofgen/runtime";
import * as classes from "../../hyperv-host/generated/root/virtualization/v2/index.js";
import type { ClassMap } from "../../hyperv-host/generated/root/virtualization/v2/providers/class-map.js";

/**
 * `npm run example:client -- [--url http://127.0.0.1:5988] [--user NAME --password PW] [--vm web-01]
 * [--protocol cim-xml|wsman]`: the typed client against the example host (or a real WBEM server with the Hyper-V
 * classes; with `--protocol wsman`, a Windows host's WinRM at `http://host:5985/wsman`): list the virtual machines
 * (a WQL query) with their EnabledState decoded, snapshot one, follow the job, read the snapshot it made, and list
 * the VM's snapshots. A job that fails is reported with the errors its GetErrorEx gives (Msvm_Error instances), and
 * the program exits with 1. A server that cannot be reached, refuses the credentials (401), faults or answers
 * something that is not WBEM is reported in one line on stderr, exit 2.
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
if (values.protocol !== "cim-xml" && values.protocol !== "wsman") {
  console.error(`hyperv-client: --protocol is cim-xml or wsman, not ${values.protocol}`);
  process.exit(2);
}

/** What the host does not have (the VM asked for, the snapshot service): said in one line like the others. */
class NotOnHost extends Error {}

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
  let target: string | undefined;
  // The virtual machines, not the host: WQL as Hyper-V's own scripts ask (over WS-Management an Enumerate with a
  // WQL filter, over CIM-XML OpenQueryInstances). A query's rows need not be whole instances (it may select some
  // properties), so they come as Partial<Msvm_ComputerSystem>.
  const vms = client.iterQueryInstances("WQL", "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'");
  for await (const row of vms) {
    const vm = row.properties as Partial<classes.Msvm_ComputerSystem>;
    const state =
      vm.EnabledState == null
        ? "Unknown"
        : (classes.decodeCIM_EnabledLogicalElement_EnabledState(vm.EnabledState) ?? vm.EnabledState);
    console.log(`${vm.ElementName}  ${vm.Name}  ${state}`);
    if (vm.ElementName === values.vm) target = vm.Name;
  }
  if (target === undefined) throw new NotOnHost(`no virtual machine named ${values.vm}`);

  const [service] = await client.enumerateInstanceNames("Msvm_VirtualSystemSnapshotService");
  if (service === undefined) throw new NotOnHost("no Msvm_VirtualSystemSnapshotService");
  const vmPath = {
    className: "Msvm_ComputerSystem",
    keys: { CreationClassName: "Msvm_ComputerSystem", Name: target },
  };
  const out = await client.invokeMethod(service, "CreateSnapshot", { AffectedSystem: vmPath, SnapshotType: 2 });
  console.log(`CreateSnapshot: ${out.ReturnValue}`);
  if (isJobStarted(out.ReturnValue) && out.Job != null) {
    try {
      const job = await client.waitForJob<"Msvm_ConcreteJob">(out.Job, { intervalMs: 100, timeoutMs: 30_000 });
      console.log(
        `job ${job.properties.InstanceID}: JobState ${job.properties.JobState}, ${job.properties.PercentComplete}% complete`,
      );
      const made = await client.affectedElements(out.Job, { resultClass: "Msvm_VirtualSystemSettingData" });
      for (const snapshot of made) console.log(`snapshot: ${String(snapshot.properties.ElementName)}`);
    } catch (error) {
      // A failed job: its Msvm_Error instances (GetErrorEx), typed, and the CIM status of the first.
      if (!(error instanceof JobCimError)) throw error;
      console.log(error.message);
      for (const e of error.errors)
        console.log(`  ${e.className} ${String(e.properties.MessageID)}: ${String(e.properties.Message)}`);
      process.exitCode = 1;
    }
  }
  // Every snapshot of the VM, pulled a page at a time (OpenAssociatorInstances), typed by the result class.
  const snapshots = client.iterAssociatorInstances(vmPath, {
    assocClass: "Msvm_SnapshotOfVirtualSystem",
    resultClass: "Msvm_VirtualSystemSettingData",
  });
  for await (const snapshot of snapshots) console.log(`${values.vm} has snapshot ${snapshot.properties.InstanceID}`);
} catch (error) {
  // What goes wrong with a real endpoint (no answer, 401, a fault, not WBEM at all): one line, not a stack trace.
  const known = [NotOnHost, CimError, HttpStatusError, TransportError, wsman.WsmanError, CimXmlError, XmlError];
  if (!known.some((kind) => error instanceof kind)) throw error;
  console.error(`hyperv-client: ${(error as Error).message}`);
  process.exitCode = 2;
} finally {
  client.close();
}
