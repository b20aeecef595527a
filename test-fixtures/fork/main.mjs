// fork(): a child task starts from a copy of the parent's whole state, writes a little of it and
// reads a little more; the parent keeps running and changes its own state meanwhile. The child
// must see the state as it was at the fork, whatever the parent writes afterwards.

/** The parent's state: 2000 process records, deterministic. */
function parentState() {
  const processes = [];
  for (let pid = 1; pid <= 2000; pid++) {
    processes.push({ pid, name: `proc-${pid}`, priority: pid % 7, open: [pid % 3, pid % 5] });
  }
  return { hostname: 'cowbox', uptime: 1000, env: { HOME: '/root', PATH: '/usr/bin' }, processes };
}

/** The child renames itself and raises its own priority, like a forked child dirtying two pages. */
function runChild(state, id) {
  state.hostname = `cowbox-child-${id}`;
  state.processes[id].priority = 99;
  const self = state.processes[id];
  const neighbour = state.processes[id + 1];
  return `${state.hostname} uptime=${state.uptime} self=${self.name}/${self.priority} neighbour=${neighbour.name}/${neighbour.priority} count=${state.processes.length}`;
}

const parent = parentState();
const children = [];
for (let id = 0; id < 4; id++) {
  children.push(structuredClone(parent));
  // The parent runs on between forks: its later writes must not reach the children forked before.
  parent.uptime += 10;
  parent.processes[id + 1].priority += 100;
}
children.forEach((child, id) => console.log(runChild(child, id)));
console.log(`parent ${parent.hostname} uptime=${parent.uptime} first=${parent.processes[0].priority} second=${parent.processes[1].priority}`);
