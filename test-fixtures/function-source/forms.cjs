'use strict'
// Every form a function's source can take, each holding copy sites or writes that cowlens
// rewrites, in code without semicolons. print-sources.mjs prints the source of each.
const base = [3, 1, 2]
const holder = {}
const computed = 'viaKey'
let seen
let seenGenerator

function declaration(xs) { return [...xs].sort() }

const expression = function named(o) {
  return { ...o, b: 2 }
}

const arrow = (o) => ({ ...o })

const arrowEndingInAWrite = (o) => o.last = Object.assign({}, o)

const arrowBlock = (xs) => {
  const ys = xs.slice()
  ys[0] = 9
  return ys
}

async function asyncDeclaration(xs) {
  const ys = xs.concat([4])
  ys.push(await Promise.resolve(5))
  return ys
}

const asyncArrow = async (m) => new Map(m)

function* generator(xs) { yield* [...xs] }

async function* asyncGenerator(xs) { for (const x of Array.from(xs)) yield x }

const methods = {
  method(xs) { return xs.concat([1]) },
  get getter() { return [...base] },
  set setter(v) { this.v = { ...v } },
  [computed](o) { return Object.assign({}, o) },
  async asyncMethod(s) { return new Set(s) },
  *generatorMethod() { yield structuredClone(base) },
}

class Store {
  items = [...base]
  static initial = JSON.parse(JSON.stringify(base))
  #secret = { ...holder }
  constructor(extra) {
    this.extra = extra
  }
  add(item) {
    this.items.push(item)
    return this
  }
  get snapshot() { return this.items.slice() }
  static of(xs) { return new Store([...xs]) }
}

const ClassExpression = class {
  field = { ...holder }
}

// Functions nested in instrumented expressions.
const nestedInSpread = [...[(xs) => [...xs]]][0]
const nestedInCall = Object.assign({}, { fn: function () { return base.slice() } }).fn

// A function that is itself the operand of a site, and functions wrapped by writes.
const fromOperand = [...(seen = () => base)()]
const fromGeneratorOperand = Array.from((seenGenerator = function* () { yield 1 })())
holder.assigned = function () { return [...base] }
holder.wrappedClass = class { copy() { return { ...holder } } }
holder.wrappedArrow = [0].map(() => (xs) => xs.slice())[0]

// Comments, line breaks and a `*/` inside the text that a site replaces.
const commented = () => ({ /* keep */ ...base /* this too */ })
const multiLine = () => ({
  ...holder,
})
const ratio = (n) => n/[...base].length

function unchanged(a, b) { return a + b }

// Fewer than 128 characters as written (V8 quotes it whole in an error), more once instrumented.
const shortAsWritten = (o) => { const note = 'fewer than 128 characters as written, the edit late in it'; return [...o] }

module.exports = {
  declaration, expression, arrow, arrowEndingInAWrite, arrowBlock, asyncDeclaration, asyncArrow, generator, asyncGenerator,
  method: methods.method,
  getter: Object.getOwnPropertyDescriptor(methods, 'getter').get,
  setter: Object.getOwnPropertyDescriptor(methods, 'setter').set,
  computedKey: methods[computed],
  asyncMethod: methods.asyncMethod,
  generatorMethod: methods.generatorMethod,
  Store, 'Store.prototype.add': Store.prototype.add, 'Store.of': Store.of,
  'snapshot getter': Object.getOwnPropertyDescriptor(Store.prototype, 'snapshot').get,
  ClassExpression, nestedInSpread, nestedInCall,
  fromOperand: seen, fromGeneratorOperand: seenGenerator,
  assigned: holder.assigned, wrappedClass: holder.wrappedClass, wrappedArrow: holder.wrappedArrow,
  commented, multiLine, ratio, unchanged, shortAsWritten,
  copies: [fromOperand, fromGeneratorOperand],
}
