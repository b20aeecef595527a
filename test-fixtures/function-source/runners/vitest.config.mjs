// Its own configuration, so vitest does not take the repository's; jest's globals, so that one
// test file serves both runners.
export default { test: { globals: true } };
