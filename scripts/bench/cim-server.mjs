// The server side of the CIM-XML bench, in its own process so its peak memory can be read: a ProviderHost with one
// provider of N Msvm_ComputerSystem-like instances, served on a free loopback port that it prints.
// argv: the bundled runtime module, the instance count.
const [runtimePath, countText] = process.argv.slice(2);
const { ProviderHost, createCimServer } = await import(runtimePath);
const count = Number(countText);

const namespace = "root/bench";
const schema = {
  name: "Bench_ComputerSystem",
  namespace,
  properties: [
    { name: "CreationClassName", type: "string", key: true, classOrigin: "Bench_ComputerSystem" },
    { name: "Name", type: "string", key: true, classOrigin: "Bench_ComputerSystem" },
    { name: "ElementName", type: "string", classOrigin: "Bench_ComputerSystem" },
    { name: "EnabledState", type: "uint16", classOrigin: "Bench_ComputerSystem" },
    { name: "HealthState", type: "uint16", classOrigin: "Bench_ComputerSystem" },
    { name: "OnTimeInMilliseconds", type: "uint64", classOrigin: "Bench_ComputerSystem" },
    { name: "ProcessID", type: "uint32", classOrigin: "Bench_ComputerSystem" },
  ],
  methods: [
    {
      name: "RequestStateChange",
      returnType: "uint32",
      parameters: [{ name: "RequestedState", type: "uint16", in: true, out: false }],
      classOrigin: "Bench_ComputerSystem",
    },
  ],
};
const instance = (i) => ({
  CreationClassName: "Bench_ComputerSystem",
  Name: `VM-${String(i).padStart(6, "0")}`,
  ElementName: `vm ${i}`,
  EnabledState: 2,
  HealthState: 5,
  OnTimeInMilliseconds: BigInt(i) * 1000n,
  ProcessID: 1000 + (i % 60000),
});
const instances = Array.from({ length: count }, (_, i) => instance(i));
const byName = new Map(instances.map((x) => [x.Name, x]));
const provider = {
  schema,
  enumerateInstances: async () => instances,
  getInstance: async (path) => byName.get(path.keys.Name),
  createInstance: async () => Promise.reject(new Error("no")),
  modifyInstance: async () => Promise.reject(new Error("no")),
  deleteInstance: async () => Promise.reject(new Error("no")),
  // The WS-Management bench's Invoke: a state change that succeeds at once.
  invokeMethod: async () => ({ ReturnValue: 0 }),
};
const host = new ProviderHost().register(provider);
const server = createCimServer({
  host,
  schemas: [schema],
  limits: { maxConcurrentRequests: 256, maxObjectCount: 100_000 },
});
const url = await server.listen(0);
console.log(url);
process.on("SIGTERM", async () => {
  await server.close();
  process.exit(0);
});
