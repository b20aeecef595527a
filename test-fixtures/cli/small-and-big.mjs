// Two copies, neither written: one too small to share, one large enough. Cow mode copies the small
// one eagerly and shares the large one; observe mode predicts both.
const small = { a: 1, b: 2 };
const big = {};
for (let i = 0; i < 300; i++) big[`k${i}`] = i;
const smallCopy = { ...small };
const bigCopy = { ...big };
console.log(smallCopy.a + bigCopy.k1);
