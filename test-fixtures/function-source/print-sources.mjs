// Prints the source of every function of forms.cjs and forms.mjs in each way a program reads it,
// and runs what it reads elsewhere: in a worker made from it, and through `new Function`.
import { createRequire } from 'node:module'
import { MessageChannel, Worker } from 'node:worker_threads'
import * as esm from './forms.mjs'

const forms = createRequire(import.meta.url)('./forms.cjs')
const all = { ...forms, ...Object.fromEntries(Object.entries(esm).map(([k, v]) => [`esm ${k}`, v])) }
delete all.copies

for (const [name, fn] of Object.entries(all)) {
  const ways = [String(fn), `${fn}`, fn + '', fn.toString(), Function.prototype.toString.call(fn)]
  console.log(`--- ${name} (${new Set(ways).size} way)\n${ways[0]}`)
}

// Run elsewhere: a function made again from its source, and a worker evaluating it.
const again = new Function(`return (${String(forms.declaration)})`)()
console.log('new Function:', again([2, 3, 1]), new Function('return ' + forms.arrowBlock)()([5, 6]))
const viaWorker = await new Promise((resolve, reject) => {
  const worker = new Worker(`const { parentPort } = require('node:worker_threads'); const f = ${String(forms.declaration)}; const g = ${esm.spreadObject}; parentPort.postMessage([f([9, 8, 7]), g({ b: 2 })])`, { eval: true })
  worker.once('message', resolve)
  worker.once('error', reject)
})
console.log('worker:', viaWorker)
// V8 names a function it cannot clone by its source, which it reads itself.
const { port1 } = new MessageChannel()
const uncloneable = [() => structuredClone({ keep: forms.arrow }), () => structuredClone([forms.Store]), () => structuredClone(new Map([[1, { f: forms.asyncDeclaration }]])), () => port1.postMessage({ f: forms.multiLine }), () => structuredClone([1, forms.shortAsWritten])]
for (const clone of uncloneable) {
  try {
    clone()
  } catch (error) {
    console.log(error.name, error.code, error instanceof DOMException, Object.getOwnPropertyNames(error), JSON.stringify(error.message), error.stack.startsWith(`${error.name}: ${error.message}\n    at new DOMException`))
  }
}
port1.close()

const counter = new esm.Counter()
counter.bump('k')
console.log('still copies:', forms.copies, forms.declaration([2, 1]), forms.arrowEndingInAWrite({ z: 1 }), esm.spreadObject({ c: 3 }), esm.cloneDeep([1]), counter)
