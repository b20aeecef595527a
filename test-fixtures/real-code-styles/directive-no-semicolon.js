'use strict'
const a = [1, 2]
const b = a.slice()
b.push(3)
console.log(a, b)
