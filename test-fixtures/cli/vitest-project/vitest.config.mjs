// Its own (empty) configuration, so vitest does not take the repository's.
export default {};
