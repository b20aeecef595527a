// What a program can ask of Function.prototype.toString itself: under cowlens it must answer as
// the built-in does. Each line prints one answer; the runs are compared line by line.
const vm = require('node:vm')
const { inspect } = require('node:util')
const { MessagePort, Worker } = require('node:worker_threads')

const instrumented = (xs) => [...xs]
const builtin = Function.prototype.toString
const show = (label, value) => console.log(`${label}: ${typeof value === 'string' ? value : inspect(value)}`)

show('own source', builtin.toString())
show('own source, called on itself', builtin.call(builtin))
show('as a string', `${builtin}`)
show('name, length, typeof', [builtin.name, builtin.length, typeof builtin])
show('own keys', Reflect.ownKeys(builtin))
show('has a prototype', Object.prototype.hasOwnProperty.call(builtin, 'prototype'))
const { value, ...attributes } = Object.getOwnPropertyDescriptor(Function.prototype, 'toString')
show('property', [value === builtin, attributes])
show('enumerable keys of Function.prototype', Object.keys(Function.prototype))
show('inspect', inspect(builtin))
show('is the Object.prototype one', builtin === Object.prototype.toString)
for (const receiver of [{}, 1, 'text', null, undefined, Symbol.iterator]) {
  try {
    builtin.call(receiver)
  } catch (error) {
    // The frames of the built-in (`(<anonymous>)`) and of this file; those of the loader that ran
    // it are the loader's (on Node 22 one is `Function.<anonymous> (node:internal/…)`).
    const frames = error.stack.split('\n').filter((line) => !line.startsWith('    at ') || /\(<anonymous>\)$|native-likeness/.test(line))
    show(`not a function (${String(receiver)})`, `${error.constructor.name}\n${frames.join('\n')}`)
  }
}
try {
  new Function.prototype.toString()
} catch (error) {
  show('as a constructor', error.message)
}
show('bound', String(instrumented.bind(null)))
show('native', [String(Math.max), String(structuredClone), String(MessagePort.prototype.postMessage), String(Array.prototype.slice)])
show('proxy of an instrumented function', String(new Proxy(instrumented, {})))
show('proxy of a class', builtin.call(new Proxy(class {}, {})))
show('the instrumented function', String(instrumented))

const other = vm.runInNewContext('(function fromOtherRealm(a) { return a })')
show('a function of another realm', String(other))
show('the other realm\'s toString on it', vm.runInNewContext('Function.prototype.toString').call(other))
show('an instrumented function through this realm\'s toString, from there', vm.runInNewContext('(f, s) => s.call(f)')(instrumented, builtin))

// A program that replaces Function.prototype.toString, then puts it back.
Function.prototype.toString = function replaced() { return `replaced: ${builtin.call(this).length}` }
show('replaced by the program', String(instrumented))
Function.prototype.toString = builtin
show('put back', String(instrumented))

// In a worker thread, where cowlens also wraps MessagePort's postMessage (and in cow mode wraps it twice).
const worker = new Worker(
  "const { parentPort, MessagePort } = require('node:worker_threads'); parentPort.postMessage([String(MessagePort.prototype.postMessage), String(Function.prototype.toString), String((xs) => [...xs])])",
  { eval: true },
)
worker.once('message', (answers) => show('in a worker', answers))
