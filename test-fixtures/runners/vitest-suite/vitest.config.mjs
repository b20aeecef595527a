// Its own configuration, so vitest does not take the repository's.
export default {};
