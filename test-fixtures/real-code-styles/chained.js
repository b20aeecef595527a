const xs = [9, 3, 7, 1]
const n = 2
console.log([...xs].sort((a, b) => a - b).slice(0, n))
console.log(xs.slice().reverse().slice(1, 3))
console.log(Array.from(new Set([...xs, ...xs])).concat().slice(1))
console.log({ ...{ ...{ a: 1 }, b: 2 } }, structuredClone([...xs]).slice(-1))
console.log(xs)
