const source = new Map(Array.from({ length: 50 }, (_, i) => [i, { i }]));
const copy = new Map(source);
copy.delete(0);
console.log('child', copy.size, source.size);
