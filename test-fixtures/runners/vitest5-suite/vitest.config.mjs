// Its own configuration, so vitest does not take the repository's. `isolate: true` is vitest's
// default, said here so that vitest 5 prints no hint about it: whether it does depends on how
// long its workers took to start.
export default { test: { isolate: true } };
