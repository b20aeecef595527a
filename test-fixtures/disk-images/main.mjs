// Disk images: many virtual machines are derived from one base image, each with a few settings of
// its own, the way QEMU backs many qcow2 overlays with one base file. Two idioms: a spread with
// the overrides in the same literal (written as it is made: nothing to share), and a copy of the
// base whose few keys are written afterwards (shared until the first write, then copied).

/** The base image: a large flat table of settings (block map entries and device options). */
function baseImage() {
  const base = { name: 'debian-12-base', sizeGiB: 20, format: 'qcow2', readOnly: true };
  for (let block = 0; block < 120; block++) base[`block${String(block).padStart(3, '0')}`] = block * 4096;
  return base;
}

const base = baseImage();
const vms = [];

// Ten overlays made with their overrides in one literal: the copy is written as it is made.
for (let i = 0; i < 10; i++) vms.push({ ...base, name: `web-${i}`, readOnly: false });

// Thirty overlays copied from the base: a third of them get writes (their own name and one block).
for (let i = 0; i < 30; i++) {
  const vm = Object.assign({}, base);
  if (i % 3 === 0) {
    vm.name = `db-${i}`;
    vm.block007 = 900000 + i;
  }
  vms.push(vm);
}

// Ten more copied by plain spread and only read: a rescue image, say, booted read-only.
for (let i = 0; i < 10; i++) vms.push({ ...base });

let blockSum = 0;
const names = new Set();
for (const vm of vms) {
  blockSum += vm.block007 + vm.block119;
  names.add(vm.name);
}
console.log(`images=${vms.length} distinct names=${names.size} blockSum=${blockSum}`);
console.log(`first=${vms[0].name}/${vms[0].readOnly} eleventh=${vms[10].name}/${vms[10].block007} last=${vms[49].name}/${vms[49].readOnly}`);
console.log(`base untouched: ${base.name} ${base.readOnly} block007=${base.block007}`);
