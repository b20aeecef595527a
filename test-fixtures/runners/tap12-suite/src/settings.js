exports.withDefaults = (given) => {
  const settings = { retries: 3, ...given };
  const tags = [...(given.tags || [])];
  tags.push('default');
  return { ...settings, tags };
};
