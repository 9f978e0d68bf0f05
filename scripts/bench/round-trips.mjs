// One round-trip measurement for the wire-layer benches (CIM-XML, the /wsman server, the WS-Man client): 200 calls
// to warm up, then 2,000 in a row, each timed; prints the median and p99 in the bench's column layout.

/** Time `call` 2,000 times in a row after 200 warm-up calls and print `label`'s median and p99. */
export async function roundTrips(label, call, width = 44) {
  for (let i = 0; i < 200; i++) await call();
  const times = [];
  for (let i = 0; i < 2000; i++) {
    const t = performance.now();
    await call();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(times.length * q))].toFixed(2);
  console.log(`  ${label.padEnd(width)} median ${at(0.5)} ms  p99 ${at(0.99)} ms`);
}
