const settings = { retries: 3 };
const copy = { ...settings };
throw new RangeError(`no settings for retries ${copy.retries}`);
